package community.platform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Small helpers shared by the benchmarks: percentiles, medians, and their section of docs/benchmarks.md. */
final class Figures {

    private Figures() {
    }

    static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Replaces (or appends) the section between this benchmark's markers in the given markdown file. */
    static void writeSection(Path file, String name, String markdown) throws IOException {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String section = start + "\n" + markdown.strip() + "\n" + end;
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        text = from >= 0 && to > from
                ? text.substring(0, from) + section + text.substring(to + end.length())
                : text.stripTrailing() + "\n\n" + section + "\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }
}
