package community.platform.bench;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the platform asked of its store, and the CPU time its process used, read from its own meters
 * ({@code /actuator/prometheus}, as the admin): every
 * command its MongoDB drivers sent (Micrometer's MongoDB command listener, one count per round trip, by command and
 * collection) and, on the embedded store, its writes and the commits that held them. The difference of two readings
 * divided by the commands the harness sent is the store work per command, including what the platform's background
 * threads did meanwhile (its processors, claims and heartbeats): that is work the commands cost too.
 */
record StoreWork(Map<String, Double> roundTrips, double writes, double commits, double cpuMillis) {

    private static final Pattern COMMAND = Pattern.compile(
            "^mongodb_driver_commands_seconds_count\\{([^}]*)} ([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern STORE = Pattern.compile("^platform_store_(writes|commits)_total(?:\\{[^}]*})? "
                                                         + "([0-9.eE+-]+)$", Pattern.MULTILINE);
    /** The CPU time of the platform's process (Micrometer's {@code process.cpu.time}), in nanoseconds. */
    private static final Pattern CPU = Pattern.compile("^process_cpu_time_ns_total(?:\\{[^}]*})? ([0-9.eE+-]+)$",
                                                       Pattern.MULTILINE);

    static StoreWork read(Api api) throws Exception {
        String text = Platform.send(Platform.request(api.api.replaceFirst("/api$", "/actuator/prometheus"), "admin",
                                                     Api.ADMIN_PASSWORD).GET().build(), 200).body();
        Map<String, Double> roundTrips = new TreeMap<>();
        Matcher command = COMMAND.matcher(text);
        while (command.find()) {
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(command.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            roundTrips.merge(labels.getOrDefault("command", "?") + " " + labels.getOrDefault("collection", "-"),
                             Double.parseDouble(command.group(2)), Double::sum);
        }
        double writes = 0;
        double commits = 0;
        Matcher store = STORE.matcher(text);
        while (store.find()) {
            if (store.group(1).equals("writes")) {
                writes = Double.parseDouble(store.group(2));
            } else {
                commits = Double.parseDouble(store.group(2));
            }
        }
        Matcher cpu = CPU.matcher(text);
        return new StoreWork(roundTrips, writes, commits, cpu.find() ? Double.parseDouble(cpu.group(1)) / 1e6 : 0);
    }

    /** The work done since {@code before}, per one of {@code commands} commands. */
    StoreWork perCommandSince(StoreWork before, int commands) {
        Map<String, Double> each = new TreeMap<>();
        roundTrips.forEach((key, count) -> {
            double done = count - before.roundTrips.getOrDefault(key, 0.0);
            if (done > 0) {
                each.put(key, done / commands);
            }
        });
        return new StoreWork(each, (writes - before.writes) / commands, (commits - before.commits) / commands,
                             (cpuMillis - before.cpuMillis) / commands);
    }

    double total() {
        return roundTrips.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The platform's CPU time, the round trips and the commits, and the largest parts of the round trips. */
    String describe(int largest) {
        return String.format("%.1f ms of the platform's CPU, %.1f store round trips, %.2f commits holding %.1f writes;"
                             + " most: %s", cpuMillis, total(), commits, writes, roundTrips.entrySet().stream()
                                               .sorted(Map.Entry.<String, Double>comparingByValue(
                                                       Comparator.reverseOrder()))
                                               .limit(largest)
                                               .map(part -> String.format("%s %.1f", part.getKey(), part.getValue()))
                                               .collect(Collectors.joining(", ")));
    }
}
