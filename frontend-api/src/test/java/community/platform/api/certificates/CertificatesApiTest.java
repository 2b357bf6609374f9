package community.platform.api.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hour certificates end to end: a volunteer downloads one, a stranger with no account checks it by its code, a later
 * attendance correction shows on its page, and an erasure makes it stop verifying.
 */
class CertificatesApiTest extends ApiTest {

    private static final String PASSWORD = "certificate-password";
    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");

    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
    private final LocalDate today = now.toLocalDate();
    /** The day by which both duties have started (late in the evening, the second falls on the next day). */
    private final LocalDate lastDay = now.plusHours(2).toLocalDate();

    private String publish(String organizer, String title, int startsInMinutes) {
        return as(organizer, PASSWORD).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                                      .bodyValue(Map.of("title", title, "team", "health safeguarding",
                                                        "location", "Community clinic",
                                                        "startsAt", now.plusMinutes(startsInMinutes).toString(),
                                                        "endsAt", now.plusMinutes(startsInMinutes + 50).toString(), "capacity", 5))
                                      .exchange().expectStatus().isCreated()
                                      .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }

    private void attended(String organizer, String volunteer, String post, int minutes, String reason) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "username", volunteer, "checkedInAt", now.minusMinutes(minutes + 5L).toString(),
                "checkedOutAt", now.minusMinutes(5).toString()));
        if (reason != null) {
            body.put("reason", reason);
        }
        as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/attendance", post)
                               .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                               .exchange().expectStatus().isOk();
    }

    /**
     * A volunteer who served 45 minutes on each of two posts starting soon (attendance may be recorded from two hours
     * before a shift): 1.50 hours in all.
     */
    private String[] volunteerWithHours(String displayName) {
        String organizer = account("cert-org", PASSWORD, "ORGANIZER");
        String volunteer = unique("cert-vol");
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("username", volunteer, "password", PASSWORD, "displayName", displayName))
           .exchange().expectStatus().isCreated();
        for (String title : new String[]{"健康守护岗 clinic duty", "Park clean-up"}) {
            String post = publish(organizer, title, title.startsWith("Park") ? 60 : 5);
            as(volunteer, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", post).exchange()
                                   .expectStatus().isCreated();
            attended(organizer, volunteer, post, 45, null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> as(volunteer, PASSWORD)
                .get().uri("/api/volunteers/me/hours").exchange().expectBody(JsonNode.class).returnResult()
                .getResponseBody().get("totalHours").decimalValue().doubleValue() == 1.5);
        return new String[]{organizer, volunteer};
    }

    private byte[] certificate(String volunteer, LocalDate from, LocalDate to) {
        return as(volunteer, PASSWORD).get()
                                      .uri("/api/volunteers/me/certificate.pdf?from={f}&to={t}", from, to)
                                      .exchange().expectStatus().isOk()
                                      .expectHeader().contentType(MediaType.APPLICATION_PDF)
                                      .expectHeader().valueMatches("Content-Disposition", "attachment;.*\\.pdf\"")
                                      .expectBody(byte[].class).returnResult().getResponseBody();
    }

    private static String text(byte[] pdf) throws IOException {
        try (PdfReader reader = new PdfReader(pdf)) {
            return new PdfTextExtractor(reader).getTextFromPage(1);
        }
    }

    private static String codeOf(String text) {
        Matcher code = CODE.matcher(text);
        assertThat(code.find()).as("a code in " + text).isTrue();
        return code.group();
    }

    /** What a stranger sees, with no account. */
    private JsonNode verification(String code) {
        return web.get().uri("/api/certificates/{code}", code).exchange().expectStatus().isOk()
                  .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void aCertificateListsTheDutiesInChineseAndEnglishAndAStrangerVerifiesIt() throws IOException {
        String[] people = volunteerWithHours("李明 Li Ming");
        byte[] pdf = certificate(people[1], today.minusDays(1), lastDay);

        String text = text(pdf);
        assertThat(text).contains("志愿服务时长证明", "Volunteer Service Hours Certificate", "李明 Li Ming",
                                  "健康守护岗 clinic duty", "Park clean-up", "合计 Total", "1.50");
        String code = codeOf(text);
        assertThat(text).contains("/certificates/" + code);
        // the CJK font travels inside the file (a subset), so it reads the same on any reader
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains("/FontFile2", "DroidSansFallback");

        JsonNode verified = verification(code);
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verified.get("displayName").asText()).isEqualTo("李明 Li Ming");
        assertThat(verified.get("from").asText()).isEqualTo(today.minusDays(1).toString());
        assertThat(verified.get("to").asText()).isEqualTo(lastDay.toString());
        assertThat(verified.get("totalHours").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(verified.get("issuedAt").asText()).endsWith("+08:00");
        assertThat(verified.get("sealPosition").asLong()).isPositive();
        assertThat(verified.has("correctedSince")).isFalse();
        assertThat(verified.has("currentTotalHours")).isFalse();
        assertThat(text).contains("position " + verified.get("sealPosition").asLong());

        // typed from paper: lower case, no dashes, O for 0 and I for 1 read as digits
        String typed = code.toLowerCase().replace("-", " ").replace('0', 'o').replace('1', 'i');
        assertThat(verification(typed).get("code").asText()).isEqualTo(code);

        // the same hours asked for again are the same certificate, not a new record
        assertThat(codeOf(text(certificate(people[1], today.minusDays(1), lastDay)))).isEqualTo(code);
    }

    @Test
    void aCorrectedAttendanceShowsOnTheCertificatesPageWithTheCorrectedTotal() throws IOException {
        String[] people = volunteerWithHours("Wang Fang");
        String code = codeOf(text(certificate(people[1], today, lastDay)));
        assertThat(verification(code).has("correctedSince")).isFalse();

        JsonNode duties = as(people[1], PASSWORD).get().uri("/api/volunteers/me/hours").exchange()
                                                 .expectBody(JsonNode.class).returnResult().getResponseBody();
        String post = duties.get("posts").get(0).get("postId").asText();
        attended(people[0], people[1], post, 105, "She stayed to close the clinic");

        await().atMost(Duration.ofSeconds(10)).until(() -> verification(code).has("correctedSince"));
        JsonNode corrected = verification(code);
        assertThat(corrected.get("valid").asBoolean()).isTrue();
        assertThat(corrected.get("totalHours").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(corrected.get("currentTotalHours").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(OffsetDateTime.parse(corrected.get("correctedSince").asText()))
                .isAfterOrEqualTo(OffsetDateTime.parse(corrected.get("issuedAt").asText()));

        // a certificate asked for now states the corrected hours, under a code of its own
        await().atMost(Duration.ofSeconds(10)).until(() -> text(certificate(people[1], today, lastDay)).contains("2.50"));
        String renewed = codeOf(text(certificate(people[1], today, lastDay)));
        assertThat(renewed).isNotEqualTo(code);
        assertThat(verification(renewed).has("correctedSince")).isFalse();
    }

    @Test
    void twoDownloadsAtOnceAreOneCertificate() {
        String[] people = volunteerWithHours("Zhao Lei");
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> codeOf(textOf(people[1])));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> codeOf(textOf(people[1])));
        assertThat(first.join()).isEqualTo(second.join());
        assertThat(verification(first.join()).get("valid").asBoolean()).isTrue();
    }

    private String textOf(String volunteer) {
        try {
            return text(certificate(volunteer, today, lastDay));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anErasedVolunteersCertificateStopsVerifyingAndSaysWhy() throws IOException {
        String[] people = volunteerWithHours("Chen Jing");
        String code = codeOf(text(certificate(people[1], today, lastDay)));
        String requestId = as(people[1], PASSWORD).post().uri("/api/accounts/me/erasure")
                                                  .contentType(MediaType.APPLICATION_JSON)
                                                  .header("Idempotency-Key", UUID.randomUUID().toString())
                                                  .bodyValue(Map.of("reason", "Moving away")).exchange()
                                                  .expectStatus().isAccepted().expectBody(JsonNode.class)
                                                  .returnResult().getResponseBody().get("requestId").asText();
        asAdmin().post().uri("/api/admin/erasures/{id}/approval", requestId).exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).until(() -> !verification(code).get("valid").asBoolean());
        JsonNode refused = verification(code);
        assertThat(refused.get("reason").asText()).contains("erased");
        assertThat(refused.has("displayName")).isFalse();
        assertThat(refused.has("totalHours")).isFalse();
    }

    @Test
    void badPeriodsAndUnknownCodesGetClearProblemsAndStrangersCannotDownload() {
        String[] people = volunteerWithHours("Sun Yu");
        as(people[1], PASSWORD).get().uri("/api/volunteers/me/certificate.pdf?from={f}&to={t}", today, today.minusDays(1))
                               .exchange().expectStatus().isEqualTo(422)
                               .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-period");
        as(people[1], PASSWORD).get().uri("/api/volunteers/me/certificate.pdf?from=2020-01-01&to=2020-12-31")
                               .exchange().expectStatus().isEqualTo(422)
                               .expectBody().jsonPath("$.type").isEqualTo("/problems/no-hours");
        as(people[1], PASSWORD).get().uri("/api/volunteers/me/certificate.pdf?from=2026-13-01&to=2026-12-31")
                               .exchange().expectStatus().isBadRequest();
        as(people[1], PASSWORD).get().uri("/api/volunteers/me/certificate.pdf?from={f}", today)
                               .exchange().expectStatus().isBadRequest();
        web.get().uri("/api/volunteers/me/certificate.pdf?from={f}&to={t}", today, today).exchange()
           .expectStatus().isUnauthorized();

        for (String code : new String[]{"0000-0000-0000-0000", "not-a-code", "0000-0000-0000-000U", "7".repeat(300)}) {
            web.get().uri("/api/certificates/" + code).exchange().expectStatus().isNotFound()
               .expectBody().jsonPath("$.type").isEqualTo("/problems/certificate-not-found");
        }
    }
}
