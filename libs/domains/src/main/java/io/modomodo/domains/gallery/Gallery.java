package io.modomodo.domains.gallery;

import io.modomodo.domains.Item;
import io.modomodo.domains.suite.Split;
import io.modomodo.domains.suite.TaskSuite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes a contact sheet PNG: one row per domain and benchmark, sample items with their prompt and answer
 * beneath each image.
 *
 * <pre>
 * ./mvnw -q -pl libs/domains compile exec:java -Dexec.mainClass=io.modomodo.domains.gallery.Gallery \
 *     -Dexec.args="docs/domains.png 4 42 train"
 * </pre>
 * Arguments (all optional): output file (default {@code docs/domains.png}), items per domain (4), seed (42),
 * split (train).
 */
public final class Gallery {

    private static final int SCALE = 2;
    private static final int CELL_WIDTH = 230;
    private static final int PAD = 8;
    private static final int HEADER = 22;
    private static final int TEXT_LINES = 5;

    private Gallery() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 0 ? args[0] : "docs/domains.png");
        int perDomain = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        Split split = args.length > 3 ? Split.parse(args[3]) : Split.TRAIN;
        BufferedImage sheet = render(new TaskSuite(seed), split, perDomain);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(sheet, "png", out.toFile());
        System.out.println("wrote " + out.toAbsolutePath() + " (" + sheet.getWidth() + "x" + sheet.getHeight() + ")");
    }

    /** The contact sheet for every domain of the suite. */
    public static BufferedImage render(TaskSuite suite, Split split, int perDomain) throws IOException {
        List<String> domains = suite.domains();
        Font text = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        int imageSide = 64 * SCALE;
        int lineHeight = 13;
        int rowHeight = HEADER + imageSide + PAD + TEXT_LINES * lineHeight + PAD;
        int width = perDomain * CELL_WIDTH + PAD;
        BufferedImage sheet = new BufferedImage(width, domains.size() * rowHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            for (int r = 0; r < domains.size(); r++) {
                String domain = domains.get(r);
                int y0 = r * rowHeight;
                g.setColor(new Color(0xE8EEF6));
                g.fillRect(0, y0, width, HEADER - 4);
                g.setColor(Color.BLACK);
                g.setFont(bold);
                String kind = TaskSuite.TRAINING_DOMAINS.contains(domain) ? "training domain" : "OOD benchmark";
                g.drawString(domain + "  (" + kind + ")", PAD, y0 + 14);
                for (int c = 0; c < perDomain; c++) {
                    Item item = suite.item(domain, split, c);
                    int x0 = PAD + c * CELL_WIDTH;
                    BufferedImage img = ImageIO.read(new ByteArrayInputStream(item.image().bytes()));
                    int w = item.image().width() * imageSide / Math.max(item.image().width(), item.image().height());
                    int h = item.image().height() * imageSide / Math.max(item.image().width(), item.image().height());
                    g.drawImage(img, x0, y0 + HEADER, w, h, null);
                    g.setFont(text);
                    FontMetrics fm = g.getFontMetrics();
                    List<String> lines = wrap(item.prompt(), fm, CELL_WIDTH - PAD);
                    int ty = y0 + HEADER + imageSide + PAD + 10;
                    g.setColor(Color.DARK_GRAY);
                    for (int i = 0; i < Math.min(lines.size(), TEXT_LINES - 1); i++) {
                        g.drawString(lines.get(i), x0, ty + i * lineHeight);
                    }
                    g.setColor(new Color(0x0A5A0A));
                    g.drawString("answer: " + item.answer() + "   [" + item.verifier() + "]", x0,
                            ty + (TEXT_LINES - 1) * lineHeight);
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    private static List<String> wrap(String s, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            String next = line.length() == 0 ? word : line + " " + word;
            if (fm.stringWidth(next) > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(next);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
