package community.platform.api.pages;

import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser at a page's address is shown the site's error page in its language; the API keeps problem JSON. */
class ErrorPagesTest extends ApiTest {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @ParameterizedTest
    @CsvSource({"'zh-CN,zh;q=0.9', zh-CN, 找不到此页, 这个地址没有页面，请检查链接。",
                "'en-GB,en;q=0.9', en, Page not found, There is no page at this address; check the link."})
    void anAddressWithNoPageIsTheNotFoundPage(String acceptLanguage, String lang, String title, String message) {
        web.get().uri("/nope").header("Accept", BROWSER_ACCEPT).header("Accept-Language", acceptLanguage).exchange()
           .expectStatus().isNotFound()
           .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
           .expectBody(String.class).value(page -> assertThat(page)
                   .contains("<html lang=\"" + lang + "\"", "<h1>" + title + "</h1>", message)
                   .doesNotContain("/problems/"));
    }

    @ParameterizedTest
    @CsvSource({"zh-CN, 无权访问, 来自其他网站页面的更改已被拒绝",
                "en, Not allowed, A change sent from another site"})
    void aChangeFromAnotherSitesPageIsTheForbiddenPage(String acceptLanguage, String title, String message) {
        web.post().uri("/posts/some-post/signup").header("Accept", BROWSER_ACCEPT)
           .header("Accept-Language", acceptLanguage).header("Origin", "https://elsewhere.example")
           .header("Sec-Fetch-Site", "cross-site").exchange()
           .expectStatus().isForbidden()
           .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
           .expectBody(String.class).value(page -> assertThat(page).contains("<h1>" + title + "</h1>", message));
    }

    @ParameterizedTest
    @CsvSource({"zh-CN, 出错了, 反映问题时请提供请求编号 request-500-zh。",
                "en, Something went wrong, Quote request id request-500-en when you report it."})
    void aFailureOnOurSideIsTheErrorPageWithTheRequestIdAndNoInternals(String acceptLanguage, String title,
                                                                        String requestIdSentence) {
        String id = "request-500-" + acceptLanguage.substring(0, 2);
        web.get().uri("/test-only/failure").header("Accept", BROWSER_ACCEPT).header("Accept-Language", acceptLanguage)
           .header("X-Request-Id", id).exchange()
           .expectStatus().isEqualTo(500)
           .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
           .expectBody(String.class).value(page -> assertThat(page)
                   .contains("<h1>" + title + "</h1>", requestIdSentence).doesNotContain("secret internals"));
    }

    @Test
    void theApiAnswersProblemJsonEvenToABrowser() {
        asAdmin().get().uri("/api/nope").header("Accept", BROWSER_ACCEPT).exchange()
           .expectStatus().isNotFound()
           .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
           .expectBody().jsonPath("$.type").isEqualTo("/problems/not-found");
        web.get().uri("/api/nope").header("Accept", BROWSER_ACCEPT).exchange()
           .expectStatus().isUnauthorized()
           .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        asAdmin().get().uri("/api/test-only/failure").header("Accept", BROWSER_ACCEPT).exchange()
           .expectStatus().isEqualTo(500)
           .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
           .expectBody().jsonPath("$.type").isEqualTo("/problems/internal-error");
    }

    @Test
    void aProgramThatDoesNotAskForHtmlGetsProblemJsonAtAnyAddress() {
        web.get().uri("/nope").exchange()
           .expectStatus().isNotFound()
           .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/nope").header("Accept", "application/json, text/html;q=0.5").exchange()
           .expectStatus().isNotFound()
           .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
           .expectBody().jsonPath("$.type").isEqualTo("/problems/not-found");
    }

    @Test
    void aRequestIdAStrangerSendsIsNeverMarkupOnTheErrorPage() {
        web.get().uri("/test-only/failure").header("Accept", BROWSER_ACCEPT)
           .header("X-Request-Id", "<script>alert(1)</script>").exchange()
           .expectStatus().isEqualTo(500)
           .expectBody(String.class).value(page -> assertThat(page).doesNotContain("<script>alert", "alert(1)"));
    }
}
