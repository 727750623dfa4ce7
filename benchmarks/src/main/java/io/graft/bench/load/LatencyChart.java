package io.graft.bench.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws a run's seconds as a PNG: throughput on top, p50 and p99 latency below, with the warm-up shaded.
 * Plain Java 2D (headless), no charting library.
 */
final class LatencyChart {
    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 260;
    private static final int MARGIN_LEFT = 90;
    private static final int MARGIN_RIGHT = 20;
    private static final int MARGIN_TOP = 40;
    private static final int GAP = 50;

    private LatencyChart() {
    }

    /** Writes the chart of {@code result} to {@code file}. */
    static void write(LoadResult result, Path file) {
        System.setProperty("java.awt.headless", "true");
        int height = MARGIN_TOP + 2 * PANEL_HEIGHT + GAP + 40;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            LoadSettings s = result.report().settings();
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%d nodes, %s, %s log, %d-byte commands, %d in flight (warm-up shaded)",
                    s.nodes(), s.transport().cliName(), s.durability().cliName(), s.commandBytes(), s.inFlight()),
                    MARGIN_LEFT, 20);
            List<SecondSample> samples = result.samples();
            panel(g, samples, MARGIN_TOP, "commands/s", new Series("throughput", Color.BLUE,
                    SecondSample::commandsPerSecond));
            panel(g, samples, MARGIN_TOP + PANEL_HEIGHT + GAP, "latency, us",
                    new Series("p50", new Color(0, 140, 0), SecondSample::p50Micros),
                    new Series("p99", Color.RED, SecondSample::p99Micros));
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart to " + file + ": " + e.getMessage(), e);
        }
    }

    private record Series(String name, Color color, ToDoubleFunction<SecondSample> value) {
    }

    private static void panel(Graphics2D g, List<SecondSample> samples, int top, String unit, Series... series) {
        int left = MARGIN_LEFT;
        int width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
        int bottom = top + PANEL_HEIGHT;
        double max = 0;
        for (Series s : series) {
            for (SecondSample x : samples) {
                max = Math.max(max, s.value().applyAsDouble(x));
            }
        }
        max = max <= 0 ? 1 : max * 1.1;
        int n = Math.max(1, samples.size());
        double step = (double) width / n;
        g.setColor(new Color(235, 235, 235));
        for (int i = 0; i < samples.size(); i++) {
            if (!samples.get(i).measured()) {
                g.fillRect(left + (int) (i * step), top, (int) Math.ceil(step), PANEL_HEIGHT);
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(left, top, width, PANEL_HEIGHT);
        for (int t = 0; t <= 4; t++) {
            int y = bottom - t * PANEL_HEIGHT / 4;
            g.drawString(String.format(Locale.ROOT, "%,.0f", max * t / 4), 5, y + 4);
        }
        g.drawString(unit, 5, top - 8);
        int labelEvery = Math.max(1, samples.size() / 10);
        for (int i = 0; i < samples.size(); i += labelEvery) {
            g.drawString(Integer.toString(samples.get(i).second()), left + (int) ((i + 0.5) * step) - 4, bottom + 14);
        }
        g.drawString("seconds", left + width - 50, bottom + 28);
        int legendX = left + 10;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (int i = 0; i < samples.size(); i++) {
                int x = left + (int) ((i + 0.5) * step);
                int y = bottom - (int) (s.value().applyAsDouble(samples.get(i)) / max * PANEL_HEIGHT);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.drawString(s.name(), legendX, top + 16);
            legendX += 60;
        }
        g.setStroke(new BasicStroke(1f));
    }
}
