package community.platform.api.pages;

import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The pages over plain HTTP: who is sent where, and what a page says when it cannot be shown. */
class PagesTest extends ApiTest {

    @Test
    void aGuestOpeningAnOrganizerPageIsSentToSignIn() {
        web.get().uri("/organizer/posts/new").exchange()
           .expectStatus().is3xxRedirection()
           .expectHeader().location("/login");
    }

    @Test
    void aPostThatDoesNotExistIsAReadablePageInThePagesLanguageNotJson() {
        web.get().uri("/posts/post-nope").header("Accept-Language", "zh-CN,zh;q=0.9").exchange()
           .expectStatus().isNotFound()
           .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
           .expectBody(String.class).value(page -> org.assertj.core.api.Assertions.assertThat(page)
                                                      .contains("找不到这条记录。", "<html lang=\"zh-CN\"")
                                                      .doesNotContain("\"type\""));
        web.get().uri("/posts/post-nope").header("Accept-Language", "en-GB,en;q=0.9").exchange()
           .expectStatus().isNotFound()
           .expectBody(String.class).value(page -> org.assertj.core.api.Assertions.assertThat(page)
                                                      .contains("There is no such record."));
    }

    @Test
    void theLanguageIsChineseUnlessTheBrowserOrTheSwitchAsksForEnglish() {
        web.get().uri("/login").header("Accept-Language", "fr-FR,fr;q=0.9").exchange()
           .expectStatus().isOk()
           .expectBody(String.class).value(page -> org.assertj.core.api.Assertions.assertThat(page).contains("<h1>登录</h1>"));
        web.get().uri("/login?lang=en").header("Accept-Language", "zh-CN").exchange()
           .expectStatus().isOk()
           .expectHeader().valueMatches("Set-Cookie", "lang=en;.*Max-Age=31536000.*")
           .expectBody(String.class).value(page -> org.assertj.core.api.Assertions.assertThat(page).contains("<h1>Sign in</h1>"));
    }

    @Test
    void theFestivalListFiltersByKind() {
        String organizer = account("organizer", "pages-password", "ORGANIZER");
        java.time.OffsetDateTime start = java.time.OffsetDateTime.now().plusDays(9).withNano(0);
        java.util.Map<String, String> titles = new java.util.HashMap<>();
        for (String kind : new String[]{"WORKSHOP", "COMPETITION"}) {
            titles.put(kind, kind + " " + unique("e"));
            as(organizer, "pages-password").post().uri("/api/festival-events").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(java.util.Map.of("title", titles.get(kind), "kind", kind, "venue", unique("Hall"),
                                                "startsAt", start.toString(), "endsAt", start.plusHours(2).toString(),
                                                "capacity", 10))
                    .exchange().expectStatus().isCreated();
        }
        web.get().uri("/festival?kind=COMPETITION").exchange()
           .expectStatus().isOk()
           .expectBody(String.class).value(page -> org.assertj.core.api.Assertions.assertThat(page)
                                                      .contains(titles.get("COMPETITION"))
                                                      .doesNotContain(titles.get("WORKSHOP"))
                                                      .contains("<option value=\"COMPETITION\" selected=\"selected\">"));
        web.get().uri("/festival").exchange()
           .expectBody(String.class).value(page -> org.assertj.core.api.Assertions.assertThat(page)
                                                      .contains(titles.get("COMPETITION"), titles.get("WORKSHOP")));
    }
}
