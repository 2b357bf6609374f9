package community.platform.api.pages;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import community.platform.shared.personal.ChildDataNotice;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The erasure pages in headless Chromium: a resident asks for their account's erasure and a guardian for a child's,
 * each told first what happens; an ADMIN carries one out (only with the box ticked) and refuses the other with a
 * reason; and axe-core finds nothing on any of them.
 */
class ErasureBrowserTest extends ApiTest {

    private static final String PASSWORD = "erasure-browser";
    private static final OffsetDateTime NEXT_WEEK = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(7)
                                                                  .withHour(9).withMinute(0).withSecond(0).withNano(0);

    @LocalServerPort
    int port;

    /** A guardian whose child 小明 holds a place in a published course; answers the enrollment's id. */
    private String enrolledChild(String guardian) {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String course = as(organizer, PASSWORD).post().uri("/api/courses").contentType(MediaType.APPLICATION_JSON)
                                               .bodyValue(Map.of("title", "剪纸", "instructor", "吴老师", "minGrade", 1,
                                                                 "maxGrade", 3, "capacity", 5, "sessions", List.of(Map.of(
                                                                 "date", NEXT_WEEK.plusDays(14).toLocalDate().toString(),
                                                                 "room", "201"))))
                                               .exchange().expectStatus().isCreated().expectBody(JsonNode.class)
                                               .returnResult().getResponseBody().path("id").asText();
        as(organizer, PASSWORD).post().uri("/api/courses/{id}/publication", course).exchange().expectStatus().isOk();
        return as(guardian, PASSWORD).post().uri("/api/courses/{id}/enrollments", course)
                                     .contentType(MediaType.APPLICATION_JSON)
                                     .bodyValue(Map.of("childName", "小明", "childGrade", 2, "consent", true,
                                                       "consentVersion", ChildDataNotice.VERSION)).exchange()
                                     .expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
                                     .getResponseBody().path("enrollmentId").asText();
    }

    /** The request's id, from the address the form's answer led to ({@code ?requested=} or {@code ?erasure=}). */
    private static String requestIdIn(String path) {
        return path.substring(path.indexOf('=') + 1);
    }

    private static void signInAsAdmin(Browser browser) {
        browser.signIn("root", ADMIN_PASSWORD).waitForPath("/posts");
    }

    @Test
    void aResidentAsksFromMyDataAndAnAdminCarriesItOutOnlyOnceTheyConfirm() {
        String resident = account("resident", PASSWORD, "RESIDENT");
        String requestId;
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(resident, PASSWORD).waitForPath("/posts");
            browser.open("/me/data").click("#erasure").waitForPath("/me/erasure");
            assertThat(browser.text("main h1")).isEqualTo("申请删除我的账户");
            assertThat(browser.text("#what-happens")).contains("由管理员决定", "不能再登录", "无法恢复");

            // the browser stops at 500 characters; the server says so too when something else sends more
            ((JavascriptExecutor) browser.driver).executeScript(
                    "document.querySelector('#reason').removeAttribute('maxlength')");
            browser.type("#reason", "长".repeat(501)).click("main form button.primary")
                   .waitForText("#reason-error", "最多 500 个字");
            assertThat(browser.find("#reason").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.find("#reason").getAttribute("value")).hasSize(501);

            browser.type("#reason", "搬家了").click("main form button.primary").waitForPath("/me/erasure?requested=");
            requestId = requestIdIn(browser.path());
            assertThat(browser.text("#requested")).contains("申请已提交");
        }
        try (Browser browser = new Browser(port, "zh-CN")) {
            signInAsAdmin(browser);
            browser.click("header nav a[href='/admin/erasures']").waitForPath("/admin/erasures");
            String card = "#request-" + requestId;
            assertThat(browser.text(card)).contains(resident, "待处理");

            browser.click(card + " form.approve button").waitForText(card + " .field-error", "请先勾选确认");
            assertThat(browser.path()).isEqualTo("/admin/erasures/" + requestId + "/approval");
            assertThat(browser.find("#confirm-" + requestId).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.text(card)).contains("待处理");

            browser.click("#confirm-" + requestId).click(card + " form.approve button")
                   .waitForPath("/admin/erasures?done=DONE");
            assertThat(browser.text("#done")).isEqualTo("已执行删除。");
            assertThat(browser.text(card)).contains("已删除", "root").doesNotContain("执行删除");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> as(resident, PASSWORD).get().uri("/api/accounts/me").exchange().expectStatus().isUnauthorized());
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(resident, PASSWORD).waitForPath("/login?error");
        }
    }

    @Test
    void aGuardianAsksForAChildsErasureAndAnAdminRefusesItWithAReason() {
        String guardian = account("guardian", PASSWORD, "RESIDENT");
        String enrollment = enrolledChild(guardian);
        String requestId;
        try (Browser browser = new Browser(port, "en")) {
            browser.signIn(guardian, PASSWORD).waitForPath("/posts").open("/me/children");
            browser.click("main a.erase").waitForPath("/me/children/" + enrollment + "/erasure");
            assertThat(browser.text("main h1")).isEqualTo("Ask to erase 小明's data");
            assertThat(browser.text("#what-happens")).contains("withdrawn from every course",
                                                               "an administrator decides", "erased for good");

            browser.click("main form button.primary").waitForPath("/me/children?erasure=");
            requestId = requestIdIn(browser.path());
            assertThat(browser.text("#erasure-requested")).contains("the child has left every course");
            // the child leaves each course as its view catches up
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(browser.open("/me/children").text("main")).doesNotContain("小明"));
        }
        try (Browser browser = new Browser(port, "en")) {
            signInAsAdmin(browser);
            browser.open("/admin/erasures");
            String card = "#request-" + requestId;
            assertThat(browser.text(card)).contains(guardian, "Waiting");

            browser.click(card + " form.refuse button").waitForText(card + " .refuse .field-error", "Required.");
            browser.type("#reason-" + requestId, "Records must be kept until the term ends")
                   .click(card + " form.refuse button").waitForPath("/admin/erasures?done=REFUSED");
            assertThat(browser.text("#done")).isEqualTo("The request was refused.");
            assertThat(browser.text(card)).contains("Refused", "Records must be kept until the term ends");
        }
    }

    @Test
    void aRequestDecidedMeanwhileIsShownAsDecidedBesideIt() {
        String resident = account("resident", PASSWORD, "RESIDENT");
        String requestId = as(resident, PASSWORD).post().uri("/api/accounts/me/erasure").exchange()
                                                 .expectStatus().isAccepted().expectBody(JsonNode.class)
                                                 .returnResult().getResponseBody().path("requestId").asText();
        try (Browser browser = new Browser(port, "zh-CN")) {
            signInAsAdmin(browser);
            browser.open("/admin/erasures");
            asAdmin().post().uri("/api/admin/erasures/{id}/refusal", requestId)
                     .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "须保留"))
                     .exchange().expectStatus().isOk();

            String card = "#request-" + requestId;
            browser.click("#confirm-" + requestId).click(card + " form.approve button")
                   .waitForText(card + " .problem", "这项申请已经处理过了");
            assertThat(browser.text(card)).contains("已拒绝", "须保留");
        }
        asAdmin().get().uri("/api/admin/erasures").exchange().expectStatus().isOk()
                 .expectBody().jsonPath("$[?(@.requestId == '" + requestId + "')].status").isEqualTo("REFUSED");
    }

    @Test
    void onlyAdminsOpenTheQueue() {
        String resident = account("resident", PASSWORD, "RESIDENT");
        try (Browser browser = new Browser(port, "en")) {
            browser.signIn(resident, PASSWORD).waitForPath("/posts");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector(
                    "header nav a[href='/admin/erasures']"))).isEmpty();
            browser.open("/admin/erasures").waitForPath("/posts?denied=1");
        }
    }

    @Test
    void theErasurePagesHaveNoAccessibilityViolationInEitherLanguageOrOnAPhone() {
        String guardian = account("guardian", PASSWORD, "RESIDENT");
        String enrollment = enrolledChild(guardian);
        String waiting = account("resident", PASSWORD, "RESIDENT");
        String requestId = as(waiting, PASSWORD).post().uri("/api/accounts/me/erasure").exchange()
                                                .expectStatus().isAccepted().expectBody(JsonNode.class)
                                                .returnResult().getResponseBody().path("requestId").asText();
        Map<String, List<String>> violations = new LinkedHashMap<>();
        for (String screen : List.of("zh-CN 1280", "en 1280", "zh-CN 390")) {
            String[] languageAndWidth = screen.split(" ");
            try (Browser browser = new Browser(port, languageAndWidth[0], Integer.parseInt(languageAndWidth[1]),
                                               844)) {
                browser.signIn(guardian, PASSWORD).waitForPath("/posts");
                for (String path : List.of("/me/erasure", "/me/erasure?requested=x", "/me/children",
                                           "/me/children/" + enrollment + "/erasure")) {
                    List<String> found = browser.open(path).accessibilityViolations();
                    if (!found.isEmpty()) {
                        violations.put(screen + " " + path, found);
                    }
                }
                browser.open("/me/erasure");
                ((JavascriptExecutor) browser.driver).executeScript(
                        "document.querySelector('#reason').removeAttribute('maxlength')");
                browser.type("#reason", "x".repeat(501)).click("main form button.primary")
                       .waitForText("#reason-error", "500");
                List<String> found = browser.accessibilityViolations();
                if (!found.isEmpty()) {
                    violations.put(screen + " the request form with its message", found);
                }
            }
            try (Browser browser = new Browser(port, languageAndWidth[0], Integer.parseInt(languageAndWidth[1]),
                                               844)) {
                signInAsAdmin(browser);
                List<String> found = browser.open("/admin/erasures").accessibilityViolations();
                if (!found.isEmpty()) {
                    violations.put(screen + " /admin/erasures", found);
                }
                browser.click("#request-" + requestId + " form.approve button")
                       .waitForPath("/admin/erasures/" + requestId + "/approval");
                found = browser.accessibilityViolations();
                if (!found.isEmpty()) {
                    violations.put(screen + " the queue with a message", found);
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
