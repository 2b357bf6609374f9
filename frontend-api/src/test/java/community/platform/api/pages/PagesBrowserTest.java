package community.platform.api.pages;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import community.platform.shared.personal.ChildDataNotice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The web pages in a real browser (headless Chromium), against the running platform. */
class PagesBrowserTest extends ApiTest {

    private static final String PASSWORD = "browser-password";
    private static final OffsetDateTime NEXT_WEEK = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(7)
                                                                  .withHour(9).withMinute(0).withSecond(0).withNano(0);

    @LocalServerPort
    int port;

    private String publish(String organizer, int capacity) {
        return publish(organizer, capacity, NEXT_WEEK);
    }

    private String publish(String organizer, int capacity, OffsetDateTime startsAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Park clean-up " + unique("p"));
        body.put("team", "green");
        body.put("location", "East Park");
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", startsAt.plusHours(2).toString());
        body.put("capacity", capacity);
        return as(organizer, PASSWORD).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                                      .bodyValue(body).exchange().expectStatus().isCreated()
                                      .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }

    private JsonNode get(String user, String uri) {
        return as(user, PASSWORD).get().uri(uri).exchange().expectStatus().isOk().expectBody(JsonNode.class)
                                 .returnResult().getResponseBody();
    }

    @Test
    void aNewResidentRegistersSignsUpAndSeesConfirmed() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String postId = publish(organizer, 3);
        String username = unique("resident");
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.open("/register").type("#username", username).type("#password", PASSWORD)
                   .type("#displayName", "王小明").click("main form button").waitForPath("/posts");
            assertThat(browser.text("header nav")).contains("退出（" + username + "）");

            browser.open("/posts/" + postId).click("main form button.primary").waitForText("#my-place", "");

            assertThat(browser.path()).isEqualTo("/posts/" + postId);
            assertThat(browser.text("#my-place")).isEqualTo("你已报名成功（已确认）。");
            assertThat(browser.text("#confirmed")).isEqualTo("1");
        }
    }

    @Test
    void aResidentSignsInAndSignsUpWithTheKeyboardAlone() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String postId = publish(organizer, 3);
        String resident = account("resident", PASSWORD, "RESIDENT");
        try (Browser browser = new Browser(port, "en", 390, 844)) {
            browser.open("/login").tabTo("#username").keys(resident).tabTo("#password")
                   .keys(PASSWORD, org.openqa.selenium.Keys.ENTER).waitForPath("/posts");

            browser.open("/posts/" + postId).tabTo("main form button.primary").keys(org.openqa.selenium.Keys.ENTER)
                   .waitForText("#my-place", "");
            assertThat(browser.text("#my-place")).isEqualTo("You are signed up (confirmed).");
        }
    }

    @Test
    void aSecondBrowserWatchingThePostSeesTheCountChangeLive() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String postId = publish(organizer, 3);
        String resident = account("resident", PASSWORD, "RESIDENT");
        try (Browser watching = new Browser(port, "en"); Browser signingUp = new Browser(port, "en")) {
            watching.open("/posts/" + postId);
            assertThat(watching.text("#confirmed")).isEqualTo("0");

            signingUp.signIn(resident, PASSWORD).waitForPath("/posts").open("/posts/" + postId)
                     .click("main form button.primary").waitForText("#my-place", "");
            assertThat(signingUp.text("#my-place")).isEqualTo("You are signed up (confirmed).");

            watching.waitForText("#confirmed", "1");
            assertThat(watching.path()).isEqualTo("/posts/" + postId);
        }
    }

    @Test
    void anOrganizerSeesTheInvalidFieldInChineseFixesItAndPublishes() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(organizer, PASSWORD).waitForPath("/posts").open("/organizer/posts/new")
                   .type("#title", "社区健康守护").type("#team", "健康守护").type("#location", "中心广场")
                   .type("#capacity", "0");
            setValue(browser, "#startsAt", NEXT_WEEK.format(local));
            setValue(browser, "#endsAt", NEXT_WEEK.plusHours(3).format(local));
            browser.click("main form button.primary").waitForText("#capacity-error", "1");

            assertThat(browser.text("#capacity-error")).isEqualTo("不能小于 1。");
            assertThat(browser.find("#capacity").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find("#title").getAttribute("value")).isEqualTo("社区健康守护");

            browser.type("#capacity", "5").click("main form button.primary").waitForPath("/posts/post-");

            assertThat(browser.text("h1")).isEqualTo("社区健康守护");
            assertThat(browser.text("#status")).isEqualTo("可报名");
        }
    }

    @Test
    void theOrganizerChecksAVolunteerInFromTheRosterWithOneTap() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String postId = publish(organizer, 2, OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(30));
        String resident = account("resident", PASSWORD, "RESIDENT");
        as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                              .expectStatus().isCreated();
        try (Browser browser = new Browser(port, "zh-CN", 390, 844)) {
            browser.signIn(organizer, PASSWORD).waitForPath("/posts").open("/organizer")
                   .click("a[href='/organizer/posts/" + postId + "/roster']").waitForPath("/organizer/posts/");
            String seat = "#seat-" + resident;
            assertThat(browser.find(seat + " button").getAttribute("aria-label")).isEqualTo("为Resident " + resident
                                                                                          + "签到");

            browser.click(seat + " button").waitForText(seat + " .attendance", "签到");

            assertThat(browser.text(seat + " .attendance")).matches("\\d\\d:\\d\\d 签到");
            assertThat(browser.text(seat + " button")).isEqualTo("签退");
        }
        as(organizer, PASSWORD).get().uri("/api/volunteer-posts/{id}/roster", postId).exchange()
                               .expectStatus().isOk()
                               .expectBody().jsonPath("$.confirmed[0].checkedInAt").isNotEmpty();
    }

    @Test
    void anAuditorMovesTheAsOfSliderAndSeesAnEarlierRoster() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String postId = publish(organizer, 3);
        String first = account("first", PASSWORD, "RESIDENT");
        String second = account("second", PASSWORD, "RESIDENT");
        for (String resident : new String[]{first, second}) {
            as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                                  .expectStatus().isCreated();
        }
        String auditor = account("auditor", PASSWORD, "AUDITOR");
        try (Browser browser = new Browser(port, "en")) {
            browser.signIn(auditor, PASSWORD).waitForPath("/posts").open("/auditor")
                   .type("#record", postId).click("main form button").waitForPath("/auditor/records/");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#as-of-confirmed li")))
                    .extracting(org.openqa.selenium.WebElement::getText)
                    .as("names are personal: an auditor sees them masked, the usernames as they are")
                    .containsExactly("[masked] (" + first + ")", "[masked] (" + second + ")");
            assertThat(browser.text(".timeline")).contains("VolunteerPostPublishedEvent", "by " + organizer);

            browser.find("#at").sendKeys(org.openqa.selenium.Keys.ARROW_LEFT);
            browser.waitForPath("/auditor/records/" + postId + "?at=1");

            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#as-of-confirmed li")))
                    .extracting(org.openqa.selenium.WebElement::getText)
                    .containsExactly("[masked] (" + first + ")");
            assertThat(browser.text("#at-label")).startsWith("After event 2 (Volunteer signed up)");
        }
    }

    @Test
    void aWrongPasswordAndAPageTheRolesDoNotOpenAreExplainedInThePagesLanguage() {
        String resident = account("resident", PASSWORD, "RESIDENT");
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(resident, "not-the-password").waitForPath("/login?error");
            assertThat(browser.text("main [role='alert']")).isEqualTo("用户名或密码不正确。");

            browser.signIn(resident, PASSWORD).waitForPath("/posts").open("/organizer/posts/new")
                   .waitForPath("/posts?denied");
            assertThat(browser.text("main [role='alert']")).isEqualTo("你的角色无权打开那个页面。");
        }
    }

    @Test
    void aCoupletWithUnequalLinesIsRefusedOnThePageWithLiveCounts() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        Map<String, Object> competition = new HashMap<>();
        competition.put("title", "春联比赛");
        competition.put("kind", "COMPETITION");
        competition.put("venue", unique("Hall"));
        competition.put("startsAt", NEXT_WEEK.plusDays(1).toString());
        competition.put("endsAt", NEXT_WEEK.plusDays(1).plusHours(3).toString());
        competition.put("capacity", 20);
        String eventId = as(organizer, PASSWORD).post().uri("/api/festival-events")
                                                .contentType(MediaType.APPLICATION_JSON).bodyValue(competition)
                                                .exchange().expectStatus().isCreated()
                                                .expectBody(JsonNode.class).returnResult().getResponseBody()
                                                .get("id").asText();
        String resident = account("writer", PASSWORD, "RESIDENT");
        as(resident, PASSWORD).post().uri("/api/festival-events/{id}/registrations", eventId).exchange()
                              .expectStatus().isCreated();
        try (Browser browser = new Browser(port, "zh-CN", 390, 844)) {
            browser.signIn(resident, PASSWORD).waitForPath("/posts").open("/festival/" + eventId)
                   .type("#upperLine", "春回大地千山秀").type("#lowerLine", "福满人间万户欢乐。").type("#horizontalScroll", "万象更新");
            assertThat(browser.text("#upperLine-count")).isEqualTo("7 个字");
            assertThat(browser.text("#lowerLine-count")).isEqualTo("8 个字");
            assertThat(browser.text("#couplet-check")).isEqualTo("上联与下联字数不同。");

            browser.click("form.couplet button").waitForText("main [role='alert']", "字数");

            assertThat(browser.text("main [role='alert']")).isEqualTo("上联与下联字数不同，请改为相同字数。");
            assertThat(browser.find("#lowerLine").getAttribute("value")).isEqualTo("福满人间万户欢乐。");

            browser.type("#lowerLine", "福满人间万户欢").click("form.couplet button").waitForText("#done", "已提交");
        }
    }

    @Test
    void aResidentSeesTheirDutiesTheirHoursChartedByMonthAndTheirNotices() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(30).withNano(0);
        String attended = publish(organizer, 2, soon);
        String cancelled = publish(organizer, 2, NEXT_WEEK.plusDays(2));
        String resident = account("resident", PASSWORD, "RESIDENT");
        for (String post : new String[]{attended, cancelled}) {
            as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", post).exchange()
                                  .expectStatus().isCreated();
        }
        as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/attendance", attended)
                               .contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(Map.of("username", resident, "checkedInAt", soon.minusMinutes(75).toString(),
                                                 "checkedOutAt", soon.minusMinutes(30).toString()))
                               .exchange().expectStatus().isOk();
        as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/cancellation", cancelled)
                               .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "rain"))
                               .exchange().expectStatus().isOk();
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(resident, PASSWORD).waitForPath("/posts").click("a[href='/me/duties']")
                   .waitForPath("/me/duties");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("main .card"))).hasSize(2);
            assertThat(browser.find("a[href='/me/calendar.ics']").getText()).isEqualTo("下载日历文件（.ics）");

            browser.click("a[href='/me/hours']").waitForPath("/me/hours");
            assertThat(browser.text(".total")).isEqualTo("共 0.75 小时");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector(".chart rect"))).hasSize(1);
            assertThat(browser.text(".chart")).contains(soon.getYear() + "-", "0.75");

            browser.click("a[href='/me/notices']").waitForPath("/me/notices");
            assertThat(browser.text("main .card.unread h2")).startsWith("已取消：Park clean-up");
            assertThat(browser.text("main .card.unread h2 + .meta + p")).endsWith("已取消。原因：rain");
            browser.click("main .card.unread button").waitUntilGone("main .card.unread");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("main .card.read"))).hasSize(1);
        }
    }

    /** A published course for grades 1 to 3 with five seats and one session a month from now; its id. */
    private String publishedCourse(String title, String instructor) {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        Map<String, Object> course = new HashMap<>();
        course.put("title", title);
        course.put("instructor", instructor);
        course.put("minGrade", 1);
        course.put("maxGrade", 3);
        course.put("capacity", 5);
        course.put("sessions", List.of(Map.of("date", NEXT_WEEK.plusDays(30).toLocalDate().toString(), "room", "101")));
        String courseId = as(organizer, PASSWORD).post().uri("/api/courses").contentType(MediaType.APPLICATION_JSON)
                                                 .bodyValue(course).exchange().expectStatus().isCreated()
                                                 .expectBody(JsonNode.class).returnResult().getResponseBody()
                                                 .get("id").asText();
        as(organizer, PASSWORD).post().uri("/api/courses/{id}/publication", courseId).exchange()
                               .expectStatus().isOk();
        return courseId;
    }

    @Test
    void aGuardianEnrollsAChildAfterTheFormsMessagesAndSeesThemUnderMyChildren() {
        String title = "书法入门 " + unique("c");
        String courseId = publishedCourse(title, "吴老师");
        String guardian = account("guardian", PASSWORD, "RESIDENT");
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(guardian, PASSWORD).waitForPath("/posts").open("/courses/" + courseId)
                   .click("#consent")
                   .click("main form button.primary").waitForText("#childName-error", "必填");
            assertThat(browser.text("#childName-error")).isEqualTo("此项必填。");

            browser.type("#childName", "小明");
            new org.openqa.selenium.support.ui.Select(browser.find("#childGrade")).selectByValue("5");
            browser.click("main form button.primary").waitForText("main [role='alert']", "年级");
            assertThat(browser.text("main [role='alert']")).isEqualTo("孩子的年级不在这门课的年级范围内。");

            new org.openqa.selenium.support.ui.Select(browser.find("#childGrade")).selectByValue("2");
            browser.click("main form button.primary").waitForText("#done", "报名成功");

            browser.click("a[href='/me/children']").waitForPath("/me/children");
            assertThat(browser.text("main .card")).contains("小明 · 2 年级", title, "已报名");
        }
    }

    @Test
    void aGuardianReadsTheNoticeInThePagesLanguageAndEnrollsOnlyAfterConsenting() {
        String courseId = publishedCourse("Paper cutting " + unique("c"), "Teacher Wu");
        String guardian = account("guardian", PASSWORD, "RESIDENT");
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(guardian, PASSWORD).waitForPath("/posts").open("/courses/" + courseId);
            assertThat(browser.text("#consent-notice h3")).isEqualTo("儿童个人信息处理告知及监护人同意");
            assertThat(browser.text("#consent-notice")).contains("孩子的姓名和年级", "12 个月",
                                                               "告知版本：" + ChildDataNotice.VERSION);

            browser.click("a[hreflang='en']").waitForText("#consent-notice h3", "notice");
            assertThat(browser.text("#consent-notice h3"))
                    .isEqualTo("Your child's personal information: notice and guardian's consent");
            assertThat(browser.text("#consent-notice")).contains("your child's name and grade", "12 months");
            assertThat(browser.find("#consent").getAttribute("required")).isNotNull();

            browser.type("#childName", "Xiaoming");
            new org.openqa.selenium.support.ui.Select(browser.find("#childGrade")).selectByValue("2");
            browser.click("main form button.primary").waitForText("#consent-error", "consent");
            assertThat(browser.text("#consent-error")).isEqualTo(
                    "A child is enrolled only with the guardian's consent to the current notice: please read it and "
                            + "tick the box.");
            assertThat(browser.find("#consent").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find("#childName").getAttribute("value")).isEqualTo("Xiaoming");
            assertThat(get(guardian, "/api/courses/" + courseId).get("enrolled").asInt()).isZero();

            // a form left open while the notice changed: consent to the older text is refused, and the box for the
            // newer one is not ticked in advance
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                    "document.querySelector('input[name=consentVersion]').value = '2020-01';"
                    + "document.body.appendChild(Object.assign(document.createElement('i'), {id: 'before'}));");
            browser.click("#consent").click("main form button.primary").waitUntilGone("#before");
            assertThat(browser.text("#consent-error")).contains("consent");
            assertThat(browser.find("#consent").isSelected()).isFalse();
            assertThat(browser.find("input[name=consentVersion]").getAttribute("value"))
                    .isEqualTo(ChildDataNotice.VERSION);

            browser.click("#consent").click("main form button.primary").waitForText("#done", "");
            assertThat(get(guardian, "/api/courses/" + courseId).get("enrolled").asInt()).isOne();
        }
    }

    @Test
    void theLanguageSwitchChangesThePageAndIsRemembered() {
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.open("/posts");
            assertThat(browser.text("h1")).isEqualTo("近期志愿岗位");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");

            browser.click("a[hreflang='en']").waitForText("h1", "Upcoming");
            assertThat(browser.text("h1")).isEqualTo("Upcoming volunteer posts");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");

            browser.open("/login");
            assertThat(browser.text("h1")).isEqualTo("Sign in");

            browser.click("a[hreflang='zh-CN']").waitForText("h1", "登录");
            assertThat(browser.text("h1")).isEqualTo("登录");
        }
    }

    /** A datetime-local field takes its value from script in every browser alike; typing depends on the locale. */
    private static void setValue(Browser browser, String css, String value) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeScript("arguments[0].value = arguments[1]", browser.find(css), value);
    }
}
