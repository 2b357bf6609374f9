package community.platform.api.pages;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import community.platform.shared.personal.ChildDataNotice;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organizers' and auditors' pages in a real browser (headless Chromium): events, venues, judging, courses and
 * attendance, the charts; integrity, the log and its export, projections.
 */
class WorkPagesBrowserTest extends ApiTest {

    private static final String PASSWORD = "browser-password";
    private static final OffsetDateTime NEXT_WEEK = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(7)
                                                                  .withHour(9).withMinute(0).withSecond(0).withNano(0);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @LocalServerPort
    int port;

    private Clock realClock;

    @BeforeEach
    void rememberClock() {
        realClock = GenericEventMessage.clock;
    }

    @AfterEach
    void restoreClock() {
        GenericEventMessage.clock = realClock;
    }

    /** The platform's clock (Axon's event clock, which every rule reads) this many days ahead. */
    private static void daysLater(int days) {
        GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), Duration.ofDays(days));
    }

    private String created(String user, String uri, Map<String, Object> body) {
        return as(user, PASSWORD).post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                                 .expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
                                 .getResponseBody().get("id").asText();
    }

    private String competition(String organizer, String venue) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "春联比赛 " + unique("c"));
        body.put("kind", "COMPETITION");
        body.put("venue", venue);
        body.put("startsAt", NEXT_WEEK.plusDays(1).toString());
        body.put("endsAt", NEXT_WEEK.plusDays(1).plusHours(3).toString());
        body.put("capacity", 20);
        return created(organizer, "/api/festival-events", body);
    }

    private String post(String organizer, String team, OffsetDateTime startsAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Duty " + unique("p"));
        body.put("team", team);
        body.put("location", "East Park");
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", startsAt.plusHours(2).toString());
        body.put("capacity", 5);
        return created(organizer, "/api/volunteer-posts", body);
    }

    private static void setValue(Browser browser, String css, String value) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].value = arguments[1]", browser.find(css),
                                                            value);
    }

    private static List<String> texts(Browser browser, String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    @Test
    void anOrganizerSchedulesAnEventIsToldOfAVenueClashMovesItAndFindsItInTheVenueCalendar() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String venue = unique("礼堂");
        String taken = competition(organizer, venue);
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(organizer, PASSWORD).waitForPath("/posts").open("/organizer")
                   .click("a[href='/organizer/events/new']").waitForPath("/organizer/events/new")
                   .type("#title", "写春联工作坊").type("#venue", venue);
            new Select(browser.find("#kind")).selectByValue("WORKSHOP");
            setValue(browser, "#startsAt", NEXT_WEEK.plusDays(1).plusHours(1).format(LOCAL));
            setValue(browser, "#endsAt", NEXT_WEEK.plusDays(1).plusHours(2).format(LOCAL));
            browser.click("main form button.primary").waitForText("#capacity-error", "必填");
            assertThat(browser.text("#capacity-error")).isEqualTo("此项必填。");
            assertThat(new Select(browser.find("#kind")).getFirstSelectedOption().getText()).isEqualTo("写春联工作坊");

            browser.type("#capacity", "30").click("main form button.primary").waitForText("#venue-error", "预订");
            assertThat(browser.text("#venue-error")).isEqualTo("这个场地在这个时间已被预订，请换时间或场地。");

            setValue(browser, "#startsAt", NEXT_WEEK.plusDays(2).format(LOCAL));
            setValue(browser, "#endsAt", NEXT_WEEK.plusDays(2).plusHours(2).format(LOCAL));
            browser.click("main form button.primary").waitForPath("/festival/fe-");
            String eventId = browser.path().substring("/festival/".length());
            assertThat(browser.text("h1")).isEqualTo("写春联工作坊");

            browser.open("/organizer").click("#event-" + eventId + " a[href$='/schedule']")
                   .waitForPath("/organizer/events/" + eventId + "/schedule");
            assertThat(browser.find("#venue").getAttribute("value")).isEqualTo(venue);
            setValue(browser, "#startsAt", NEXT_WEEK.plusDays(3).format(LOCAL));
            setValue(browser, "#endsAt", NEXT_WEEK.plusDays(3).plusHours(2).format(LOCAL));
            browser.type("#reason", "场地维修").click("main form button.primary").waitForPath("/festival/" + eventId);

            LocalDate day = NEXT_WEEK.plusDays(3).toLocalDate();
            browser.open("/organizer/venues?week=" + day).waitForText("h1", "场地日历");
            new Select(browser.find("#venue")).selectByValue(venue);
            browser.click("main form.filters button").waitForText(".week strong", venue);
            assertThat(browser.text("#day-" + day)).contains("09:00–11:00", "写春联工作坊");
            assertThat(browser.text("#day-" + day.minusDays(1))).doesNotContain("写春联工作坊");
            if (NEXT_WEEK.plusDays(1).toLocalDate().isAfter(day.minusDays(day.getDayOfWeek().getValue()))) {
                assertThat(browser.text("#day-" + NEXT_WEEK.plusDays(1).toLocalDate())).contains("春联比赛");
            }
        }
        assertThat(taken).startsWith("fe-");
    }

    @Test
    void thePublishFormSentTwiceAtOnceMakesOnePost() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String title = "双击 " + unique("p");
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(organizer, PASSWORD).waitForPath("/posts").open("/organizer/posts/new")
                   .type("#title", title).type("#team", "绿化").type("#location", "东园").type("#capacity", "4");
            setValue(browser, "#startsAt", NEXT_WEEK.format(LOCAL));
            setValue(browser, "#endsAt", NEXT_WEEK.plusHours(2).format(LOCAL));
            // a double click: the same form, sent twice before either answer has come
            @SuppressWarnings("unchecked")
            List<String> landed = (List<String>) ((JavascriptExecutor) browser.driver).executeAsyncScript(
                    "const form = document.querySelector('main form'); const done = arguments[0];"
                    + "const send = () => fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form))})"
                    + "  .then(answer => new URL(answer.url).pathname);"
                    + "Promise.all([send(), send()]).then(done);");
            assertThat(landed).hasSize(2).allMatch(path -> path.startsWith("/posts/post-"));
            assertThat(landed.get(0)).isEqualTo(landed.get(1));
        }
        JsonNode posts = as(organizer, PASSWORD).get().uri("/api/volunteer-posts").exchange().expectStatus().isOk()
                                                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(posts.findValuesAsText("title")).filteredOn(title::equals).hasSize(1);
    }

    @Test
    void anOrganizerJudgesACompetitionAndAScoreOutOfRangeIsRefusedOnThePage() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String eventId = competition(organizer, unique("Hall"));
        String[][] couplets = {{"春回大地千山秀", "福满人间万户欢", "万象更新"}, {"一帆风顺年年好", "万事如意步步高", "吉星高照"}};
        String[] authors = new String[2];
        for (int i = 0; i < 2; i++) {
            authors[i] = account("writer", PASSWORD, "RESIDENT");
            as(authors[i], PASSWORD).post().uri("/api/festival-events/{id}/registrations", eventId).exchange()
                                    .expectStatus().isCreated();
            as(authors[i], PASSWORD).post().uri("/api/festival-events/{id}/entries", eventId)
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(Map.of("upperLine", couplets[i][0], "lowerLine", couplets[i][1],
                                                      "horizontalScroll", couplets[i][2]))
                                    .exchange().expectStatus().isCreated();
        }
        try (Browser browser = new Browser(port, "zh-CN", 390, 844)) {
            browser.signIn(organizer, PASSWORD).waitForPath("/posts").open("/organizer")
                   .click("#event-" + eventId + " a[href$='/judging']").waitForPath("/organizer/events/");
            assertThat(texts(browser, ".entries .average")).containsExactly("尚未评分", "尚未评分");

            String second = ".entries li:nth-child(2) ";
            browser.type(second + "input[name='judge']", "王评委").type(second + "input[name='score']", "120")
                   .click(second + "button").waitForText("main [role='alert']", "分数");
            assertThat(browser.text("main [role='alert']")).isEqualTo("分数须在 0 到 100 之间。");

            browser.type(second + "input[name='judge']", "王评委").type(second + "input[name='score']", "90")
                   .click(second + "button").waitUntilGone("main [role='alert']");
            assertThat(texts(browser, ".entries .meta")).containsExactly("第 1 名 · 作者 " + authors[1],
                                                                         "第 2 名 · 作者 " + authors[0]);
            assertThat(texts(browser, ".entries .average")).containsExactly("平均分 90", "尚未评分");
        }
    }

    @Test
    void anOrganizerCreatesACoursePublishesItAndTakesAttendanceAtPhoneWidth() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String title = "剪纸 " + unique("c");
        LocalDate first = NEXT_WEEK.toLocalDate().plusDays(20);
        String courseId;
        try (Browser browser = new Browser(port, "zh-CN", 390, 844)) {
            browser.signIn(organizer, PASSWORD).waitForPath("/posts").open("/organizer/courses/new")
                   .type("#title", title).type("#instructor", "吴老师").type("#capacity", "10").type("#room", "201")
                   .type("#weeks", "0");
            setValue(browser, "#firstDate", first.toString());
            browser.click("main form button.primary").waitForText("#weeks-error", "课次");
            assertThat(browser.text("#weeks-error")).isEqualTo("课次须在 1 到 40 次之间。");
            assertThat(browser.find("#startTime").getAttribute("value")).isEqualTo("15:30");

            browser.type("#weeks", "3").click("main form button.primary").waitForPath("/organizer");
            String card = browser.driver.findElements(By.cssSelector("li[id^='course-']")).stream()
                                        .filter(li -> li.getText().contains(title)).findFirst().orElseThrow()
                                        .getAttribute("id");
            courseId = card.substring("course-".length());
            assertThat(browser.text("#" + card + " .badge")).isEqualTo("草稿");
            browser.click("#" + card + " form button").waitForText("#" + card + " .badge", "可报名");
        }
        String guardian = account("guardian", PASSWORD, "RESIDENT");
        for (String child : new String[]{"小明", "小红"}) {
            as(guardian, PASSWORD).post().uri("/api/courses/{id}/enrollments", courseId)
                                  .contentType(MediaType.APPLICATION_JSON)
                                  .bodyValue(Map.of("childName", child, "childGrade", 3, "consent", true,
                                                "consentVersion", ChildDataNotice.VERSION)).exchange()
                                  .expectStatus().isCreated();
        }
        try (Browser browser = new Browser(port, "zh-CN", 390, 844)) {
            browser.signIn(organizer, PASSWORD).waitForPath("/posts")
                   .open("/organizer/courses/" + courseId + "/attendance?session=1");
            assertThat(browser.driver.findElements(By.id("saved"))).isEmpty();
            browser.click("fieldset:nth-of-type(1) input[value='PRESENT']")
                   .click("fieldset:nth-of-type(2) input[value='ABSENT']")
                   .click("form.marks button").waitForText("main [role='alert']", "开始");
            assertThat(browser.text("main [role='alert']")).isEqualTo("这次课还没有开始，开始后才能记录考勤。");

            daysLater(30);
            browser.click("fieldset:nth-of-type(1) input[value='PRESENT']")
                   .click("fieldset:nth-of-type(2) input[value='ABSENT']")
                   .click("form.marks button").waitForPath("/organizer/courses/" + courseId + "/attendance?session=1");
            assertThat(browser.text("#saved")).isEqualTo("考勤已保存。");
            assertThat(browser.text(".total")).isEqualTo("出勤率 50%（已记录 2 次中出勤 1 次）");
            assertThat(texts(browser, ".sheet tbody tr")).containsExactly("小明 ✓ 出席 – – 1", "小红 ✗ 缺席 – – 0");
            assertThat(browser.find("fieldset:nth-of-type(1) input[value='PRESENT']").isSelected()).isTrue();

            browser.open("/organizer");
            assertThat(browser.driver.findElements(By.cssSelector("#rates tbody tr")).stream().map(WebElement::getText)
                                     .filter(row -> row.startsWith(title)))
                    .containsExactly(title + " 1 / 2 50");
            assertThat(browser.find("figure.chart svg title").getAttribute("textContent")).startsWith("出勤率");
        }
    }

    @Test
    void anOrganizerSeesHoursByTeamAndMonthAndAPostsSignUpsPerDay() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String green = post(organizer, "绿化", NEXT_WEEK);
        String health = post(organizer, "健康守护", NEXT_WEEK.plusDays(35));
        String resident = account("resident", PASSWORD, "RESIDENT");
        for (String postId : new String[]{green, health}) {
            as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                                  .expectStatus().isCreated();
        }
        daysLater(60);
        Map<String, OffsetDateTime> starts = Map.of(green, NEXT_WEEK, health, NEXT_WEEK.plusDays(35));
        starts.forEach((postId, startsAt) -> as(organizer, PASSWORD)
                .post().uri("/api/volunteer-posts/{id}/attendance", postId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", resident, "checkedInAt", startsAt.toString(),
                                  "checkedOutAt", startsAt.plusMinutes(90).toString()))
                .exchange().expectStatus().isOk());
        try (Browser browser = new Browser(port, "en")) {
            browser.signIn(organizer, PASSWORD).waitForPath("/posts").open("/organizer")
                   .click("a[href='/organizer/hours']").waitForPath("/organizer/hours");
            String greenMonth = NEXT_WEEK.format(DateTimeFormatter.ofPattern("yyyy-MM"));
            String healthMonth = NEXT_WEEK.plusDays(35).format(DateTimeFormatter.ofPattern("yyyy-MM"));
            assertThat(texts(browser, "#team-hours thead th")).containsExactly("Team", greenMonth, healthMonth, "Total");
            assertThat(texts(browser, "#team-hours tbody tr")).containsExactly("健康守护 0.00 1.50 1.50",
                                                                               "绿化 1.50 0.00 1.50");
            assertThat(texts(browser, ".team-hours h2")).containsExactly("健康守护: 1.5 hours in all",
                                                                         "绿化: 1.5 hours in all");

            browser.open("/organizer/posts/" + green + "/roster");
            assertThat(browser.find("figure.chart svg title").getAttribute("textContent"))
                    .isEqualTo("Sign-ups per day (waiting list included)");
            assertThat(browser.driver.findElements(By.cssSelector("figure.chart text.value")).stream()
                              .map(value -> value.getAttribute("textContent")).toList()).containsExactly("1");
        }
    }

    @Test
    void anAuditorChecksIntegrityAndASealSearchesTheLogAndExportsIt() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String postId = post(organizer, "green", NEXT_WEEK);
        String auditor = account("auditor", PASSWORD, "AUDITOR");
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(auditor, PASSWORD).waitForPath("/posts").open("/auditor")
                   .click("a[href='/auditor/integrity']").waitForPath("/auditor/integrity");
            assertThat(browser.text("#integrity .badge")).isEqualTo("完好：每个事件都与前一个相连");
            String position = browser.text("#seal-position").replace(",", "");
            String digest = browser.text("#seal-digest");

            browser.type("#position", position).type("#digest", digest).click("#verify button")
                   .waitForText("#verified", "一致");
            assertThat(browser.text("#verified")).isEqualTo("一致：日志到这个位置为止没有改动。");
            browser.type("#digest", "0".repeat(digest.length())).click("#verify button")
                   .waitForText("#verified", "不一致");

            browser.open("/auditor/log").type("#actor", organizer).type("#type", "VolunteerPostPublishedEvent")
                   .click("main form.filters button").waitForText("#log-count", "共");
            assertThat(browser.text("#log-count")).isEqualTo("共 1 个事件。");
            assertThat(browser.text("table.log tbody")).contains(postId + " #0", organizer);

            String csv = (String) ((JavascriptExecutor) browser.driver).executeAsyncScript(
                    "fetch(document.getElementById('export-csv').href).then(r => r.text()).then(arguments[0])");
            assertThat(csv.lines().toList()).hasSize(2);
            assertThat(csv.lines().toList().get(1)).contains(postId, "VolunteerPostPublishedEvent", organizer);

            browser.open("/auditor/log?from=yesterday").waitForText("#from-error", "日期");
            assertThat(browser.text("#from-error")).isEqualTo("请填写日期和时间。");
        }
    }

    @Test
    void anAdminRebuildsAProjectionWhileAnAuditorSeesTheStatusAndTheDiffButMayNotRebuild() {
        String auditor = account("auditor", PASSWORD, "AUDITOR");
        try (Browser browser = new Browser(port, "en")) {
            browser.signIn(auditor, PASSWORD).waitForPath("/posts").open("/auditor/projections");
            assertThat(browser.text("#projection-accounts .badge")).isEqualTo("Running");
            assertThat(browser.driver.findElements(By.cssSelector("#projection-accounts form"))).isEmpty();

            browser.click("#projection-accounts a[href$='/diff']").waitForPath("/auditor/projections/accounts/diff");
            assertThat(browser.text("#diff-count")).isEqualTo("No differences: the live views equal a rebuild.");

            ((JavascriptExecutor) browser.driver).executeScript(
                    "const form = document.createElement('form'); form.method = 'post';"
                    + "form.action = '/auditor/projections/accounts/replay';"
                    + "form.appendChild(document.querySelector('input[name=_csrf]').cloneNode());"
                    + "document.body.appendChild(form); form.submit();");
            browser.waitForPath("/posts?denied");
        }
        try (Browser browser = new Browser(port, "en")) {
            browser.signIn("root", ADMIN_PASSWORD).waitForPath("/posts").open("/auditor/projections")
                   .click("#projection-accounts form button").waitForPath("/auditor/projections");
            browser.open("/auditor/projections");
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(driver -> {
                        driver.navigate().refresh();
                        // this rebuild's end: another test may have rebuilt the same view before
                        return driver.findElement(By.cssSelector("#projection-accounts")).getText()
                                     .contains("Last rebuild")
                                && !driver.findElement(By.cssSelector("#projection-accounts .badge")).getText()
                                          .equals("Rebuilding");
                    });
            assertThat(browser.text("#projection-accounts .badge")).isEqualTo("Running");
        }
    }
}
