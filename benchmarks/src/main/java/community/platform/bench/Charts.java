package community.platform.bench;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The suite's charts, drawn with JFreeChart as PNG files beside docs/benchmarks.md. */
final class Charts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 420;

    private Charts() {
    }

    /** Per concurrency: the platform's commands/s and the raw inserts/s. */
    static void throughput(Map<Integer, double[]> rates, Path file) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        rates.forEach((clients, rate) -> {
            data.addValue(rate[0], "platform: sign-ups and withdrawals per s", clients + " clients");
            data.addValue(rate[1], "raw insertOne per s (baseline)", clients + " clients");
        });
        save(ChartFactory.createBarChart("Command throughput against raw inserts", "concurrent clients",
                                         "per second", data, PlotOrientation.VERTICAL, true, false, false), file);
    }

    /** Per measurement: p50 and p99 in ms. */
    static void latencies(Map<String, double[]> latencies, Path file) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        latencies.forEach((name, ms) -> {
            data.addValue(ms[0], "p50", name);
            data.addValue(ms[1], "p99", name);
        });
        save(ChartFactory.createBarChart("Latencies", null, "ms", data, PlotOrientation.VERTICAL, true, false,
                                         false), file);
    }

    /** Sign-up p50 by events stored. */
    static void growth(Map<Long, Double> p50, Path file) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        p50.forEach((events, ms) -> data.addValue(ms, "sign-up p50", String.format("%,d events", events)));
        save(ChartFactory.createLineChart("Command latency by events stored", "events stored", "ms", data,
                                          PlotOrientation.VERTICAL, true, false, false), file);
    }

    private static void save(JFreeChart chart, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
