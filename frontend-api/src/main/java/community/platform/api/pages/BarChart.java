package community.platform.api.pages;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bar chart drawn by the server as SVG: the bars' places in a {@value #WIDTH} by {@value #HEIGHT} drawing, one per
 * label, scaled to the largest value. The page shows the same figures as a table beside it.
 */
public record BarChart(List<Bar> bars, BigDecimal max) {

    static final int WIDTH = 600;
    static final int HEIGHT = 200;
    /** Room under the bars for the labels, and above them for the values. */
    static final int LABELS = 28;
    static final int VALUES = 22;
    /** The width a label such as 2026-12 needs. */
    static final int LABEL_ROOM = 64;
    /** The widest a bar is drawn, so that one or two bars do not fill the drawing. */
    static final int BAR = 80;

    /**
     * A bar; where bars are too narrow for every label or value to be written under or over it, only some labels are
     * written ({@code labelled}) and no values ({@code valued}); each bar still names both in its title.
     */
    public record Bar(String label, BigDecimal value, int x, int y, int width, int height, int labelX,
                      boolean labelled, boolean valued) {

        /** Where the value is written, just above the bar. */
        public int valueY() {
            return y - 4;
        }
    }

    /** Bars in the order of {@code values}, the tallest as tall as the drawing allows. */
    static BarChart of(Map<String, BigDecimal> values) {
        return of(values, values.values().stream().max(BigDecimal::compareTo).orElse(BigDecimal.ZERO));
    }

    /** Bars in the order of {@code values}, scaled so that {@code max} would fill the drawing: charts side by side share it. */
    static BarChart of(Map<String, BigDecimal> values, BigDecimal max) {
        int slot = values.isEmpty() ? WIDTH : WIDTH / values.size();
        int labelEvery = Math.max(1, (LABEL_ROOM + slot - 1) / slot);
        int room = HEIGHT - LABELS - VALUES;
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, BigDecimal> value : values.entrySet()) {
            int height = max.signum() == 0 ? 0
                    : value.getValue().multiply(BigDecimal.valueOf(room)).divide(max, java.math.RoundingMode.HALF_UP)
                           .intValue();
            int width = Math.min(slot * 2 / 3, BAR);
            bars.add(new Bar(value.getKey(), value.getValue(), i * slot + (slot - width) / 2, VALUES + room - height,
                             width, height, i * slot + slot / 2, i % labelEvery == 0, slot >= LABEL_ROOM / 2));
            i++;
        }
        return new BarChart(bars, max);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }
}
