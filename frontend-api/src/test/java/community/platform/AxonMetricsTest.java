package community.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Axon's meters on {@code /actuator/prometheus} (axon-micrometer): commands by type with their times, each event
 * processor's latency and throughput (by processor alone), and the events appended; and the Grafana dashboard in docs/
 * asks only for meters that are there. Requests are metered as {@code http.server.requests}; Spring Security's own
 * observations of every filter-chain phase are off.
 */
class AxonMetricsTest extends ApiTest {

    /** A sample line of the text format: its name, its labels, its value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$",
                                                          Pattern.MULTILINE);
    /** A metric in a PromQL expression; the dashboard writes each with a selector or a range. */
    private static final Pattern QUERIED = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");

    @Test
    void aCommandShowsInTheCommandsTheAppendedEventsAndEveryProcessor() {
        double appendedBefore = sum(scrape(), "eventStore_successCounter_total", "");

        register(unique("metrics"), "metrics-password").expectStatus().isCreated();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(sum(scrape, "commandBus_successCounter_total", "payloadType=\"RegisterAccountCommand\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(sum(scrape, "commandBus_allTimer_seconds_count", "payloadType=\"RegisterAccountCommand\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(sum(scrape, "eventStore_successCounter_total", "")).isGreaterThan(appendedBefore);
            assertThat(sum(scrape, "eventProcessor_processedCounter_total", "processorName=\"accounts\""))
                    .isGreaterThanOrEqualTo(1);
            for (String processor : Set.of("accounts", "volunteer-posts", "courses")) {
                String labels = "{processorName=\"" + processor + "\"}";
                assertThat(samples(scrape, "eventProcessor_ingestedCounter_total").get(labels))
                        .isGreaterThanOrEqualTo(1);
                assertThat(samples(scrape, "eventProcessor_latency")).containsKey(labels);
            }
        });
    }

    @Test
    void theGrafanaDashboardAsksOnlyForMetersThatExist() throws IOException {
        register(unique("metrics"), "metrics-password").expectStatus().isCreated();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("..", "docs", "grafana-dashboard.json").toFile());
        Set<String> queried = new TreeSet<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> {
            Matcher metric = QUERIED.matcher(target.get("expr").asText());
            while (metric.find()) {
                queried.add(metric.group(1));
            }
        }));
        assertThat(queried).contains("commandBus_successCounter_total", "eventStore_successCounter_total",
                                     "eventProcessor_latency", "eventProcessor_ingestedCounter_total");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> scraped = SAMPLE.matcher(scrape()).results().map(sample -> sample.group(1))
                                        .collect(Collectors.toSet());
            assertThat(scraped).containsAll(queried);
        });
    }

    @Test
    void requestsAreMeteredButNotEachPhaseOfTheSecurityFilterChain() {
        String username = unique("metered");
        register(username, "metrics-password").expectStatus().isCreated();
        as(username, "metrics-password").get().uri("/api/volunteer-posts").exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                sum(scrape(), "http_server_requests_seconds_count", "uri=\"/api/volunteer-posts\""))
                .isGreaterThanOrEqualTo(1));
        assertThat(SAMPLE.matcher(scrape()).results().map(sample -> sample.group(1)))
                .noneMatch(name -> name.startsWith("spring_security_"));
    }

    private String scrape() {
        return asAdmin().mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                        .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                        .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The samples of {@code name}, by their labels. */
    private static Map<String, Double> samples(String scrape, String name) {
        return SAMPLE.matcher(scrape).results().filter(sample -> sample.group(1).equals(name))
                     .collect(Collectors.toMap(sample -> sample.group(2) == null ? "" : sample.group(2),
                                               sample -> Double.parseDouble(sample.group(3))));
    }

    /** The sum of the samples of {@code name} whose labels contain {@code labels}. */
    private static double sum(String scrape, String name, String labels) {
        return samples(scrape, name).entrySet().stream().filter(sample -> sample.getKey().contains(labels))
                                    .mapToDouble(Map.Entry::getValue).sum();
    }
}
