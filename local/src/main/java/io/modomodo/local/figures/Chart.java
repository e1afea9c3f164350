package io.modomodo.local.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * A small line or stacked-area chart drawn with Java2D into a PNG, so figures for the docs come from the
 * platform's own command on a headless machine, with no plotting library or browser.
 *
 * <p>Colours are the Okabe–Ito palette, which stays distinguishable under the common colour-vision
 * deficiencies; dashed lines tell series apart in greyscale too.
 */
public final class Chart {

    /** Okabe–Ito, without its yellow (too faint on white). */
    static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0x000000));

    /** One named line: y over x. */
    public record Series(String name, double[] x, double[] y, boolean dashed) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + " has " + x.length + " x and " + y.length + " y");
            }
        }

        public Series(String name, double[] x, double[] y) {
            this(name, x, y, false);
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean stacked;
    private Double yMin;
    private Double yMax;

    public Chart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public Chart add(Series s) {
        series.add(s);
        return this;
    }

    /** Draws the series as stacked areas (each on top of the ones before), e.g. step time by phase. */
    public Chart stacked() {
        this.stacked = true;
        return this;
    }

    /** Fixes the y range instead of fitting it to the data (accuracies read best on 0..1). */
    public Chart yRange(double min, double max) {
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    /** Writes the chart as a PNG of the given size, atomically (a reader never sees half a file). */
    public void writePng(Path file, int width, int height) {
        BufferedImage image = render(width, height);
        AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }

    BufferedImage render(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();

        double[] xr = xRange();
        double[] yr = yRange();
        int left = 64;
        int right = width - 170;
        int top = 36;
        int bottom = height - 46;

        g.setColor(Color.BLACK);
        g.setFont(font.deriveFont(Font.BOLD, 14f));
        g.drawString(title, left, 22);
        g.setFont(font);

        // Grid and ticks.
        g.setColor(new Color(0xDDDDDD));
        List<Double> yTicks = ticks(yr[0], yr[1], 5);
        for (double t : yTicks) {
            int y = py(t, yr, top, bottom);
            g.drawLine(left, y, right, y);
        }
        List<Double> xTicks = ticks(xr[0], xr[1], 8);
        for (double t : xTicks) {
            int x = px(t, xr, left, right);
            g.drawLine(x, top, x, bottom);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        for (double t : yTicks) {
            String label = format(t);
            g.drawString(label, left - 6 - fm.stringWidth(label), py(t, yr, top, bottom) + fm.getAscent() / 2 - 1);
        }
        for (double t : xTicks) {
            String label = format(t);
            g.drawString(label, px(t, xr, left, right) - fm.stringWidth(label) / 2, bottom + fm.getAscent() + 4);
        }
        g.drawString(xLabel, (left + right) / 2 - fm.stringWidth(xLabel) / 2, height - 10);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(top + bottom) / 2 - fm.stringWidth(yLabel) / 2, 16);
        rotated.dispose();

        // Data, clipped to the plot area.
        Graphics2D plot = (Graphics2D) g.create();
        plot.clipRect(left, top, right - left + 1, bottom - top + 1);
        double[] base = null;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Color colour = PALETTE.get(i % PALETTE.size());
            if (stacked) {
                double[] upper = new double[s.y().length];
                Path2D area = new Path2D.Double();
                for (int k = 0; k < s.y().length; k++) {
                    upper[k] = (base == null ? 0 : base[k]) + s.y()[k];
                    double x = px(s.x()[k], xr, left, right);
                    double y = py(upper[k], yr, top, bottom);
                    if (k == 0) {
                        area.moveTo(x, y);
                    }
                    else {
                        area.lineTo(x, y);
                    }
                }
                for (int k = s.y().length - 1; k >= 0; k--) {
                    area.lineTo(px(s.x()[k], xr, left, right), py(base == null ? 0 : base[k], yr, top, bottom));
                }
                area.closePath();
                plot.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 170));
                plot.fill(area);
                base = upper;
            }
            else {
                plot.setColor(colour);
                plot.setStroke(s.dashed() ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                        new float[] { 6f, 4f }, 0f) : new BasicStroke(1.6f));
                Path2D line = new Path2D.Double();
                boolean started = false;
                for (int k = 0; k < s.y().length; k++) {
                    if (!Double.isFinite(s.y()[k])) {
                        started = false;
                        continue;
                    }
                    double x = px(s.x()[k], xr, left, right);
                    double y = py(s.y()[k], yr, top, bottom);
                    if (!started) {
                        line.moveTo(x, y);
                        started = true;
                    }
                    else {
                        line.lineTo(x, y);
                    }
                }
                plot.draw(line);
                if (s.y().length <= 12) {
                    for (int k = 0; k < s.y().length; k++) {
                        if (Double.isFinite(s.y()[k])) {
                            plot.fillOval(px(s.x()[k], xr, left, right) - 3, py(s.y()[k], yr, top, bottom) - 3, 7, 7);
                        }
                    }
                }
            }
        }
        plot.dispose();

        // Legend to the right of the plot.
        int ly = top + 4;
        for (int i = 0; i < series.size(); i++) {
            Color colour = PALETTE.get(i % PALETTE.size());
            g.setColor(colour);
            g.setStroke(series.get(i).dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] { 6f, 4f }, 0f) : new BasicStroke(2f));
            if (stacked) {
                g.fillRect(right + 12, ly, 18, 10);
            }
            else {
                g.drawLine(right + 12, ly + 5, right + 30, ly + 5);
            }
            g.setColor(Color.BLACK);
            g.drawString(series.get(i).name(), right + 36, ly + 10);
            ly += 18;
        }
        g.dispose();
        return image;
    }

    private double[] xRange() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double x : s.x()) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        if (!Double.isFinite(min)) {
            return new double[] { 0, 1 };
        }
        return min == max ? new double[] { min - 1, max + 1 } : new double[] { min, max };
    }

    private double[] yRange() {
        if (yMin != null) {
            return new double[] { yMin, yMax };
        }
        double min = stacked ? 0 : Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] sum = null;
        for (Series s : series) {
            if (stacked) {
                sum = sum == null ? new double[s.y().length] : sum;
                for (int k = 0; k < s.y().length && k < sum.length; k++) {
                    sum[k] += s.y()[k];
                    max = Math.max(max, sum[k]);
                }
                continue;
            }
            for (double y : s.y()) {
                if (Double.isFinite(y)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return new double[] { 0, 1 };
        }
        double pad = (max - min) * 0.05;
        return max - min < 1e-12 ? new double[] { min - 1, max + 1 } : new double[] { min - (stacked ? 0 : pad),
                max + pad };
    }

    private static int px(double x, double[] r, int left, int right) {
        return (int) Math.round(left + (x - r[0]) / (r[1] - r[0]) * (right - left));
    }

    private static int py(double y, double[] r, int top, int bottom) {
        return (int) Math.round(bottom - (y - r[0]) / (r[1] - r[0]) * (bottom - top));
    }

    /** Round tick values (1, 2 or 5 times a power of ten apart) covering the range. */
    static List<Double> ticks(double min, double max, int target) {
        double raw = (max - min) / Math.max(1, target);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] { 1, 2, 5, 10 }) {
            step = m * magnitude;
            if (raw <= step) {
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.ceil(min / step - 1e-9);
        for (long i = first; i * step <= max + step * 1e-9; i++) {
            // Rounded so that 3 × 0.2 reads 0.6, not 0.6000000000000001.
            ticks.add(Math.round(i * step * 1e9) / 1e9);
        }
        return ticks;
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }
}
