package io.github.regpy4j.examples.mri;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes images of arrays as PNG with {@code javax.imageio} and Java2D: a grid of panels, each
 * with its title above and a colour bar (viridis, from the panel's minimum to its maximum, with
 * tick labels) to its right, like matplotlib's {@code imshow} with {@code colorbar}. Rendered
 * headless: {@code java.awt.headless} is set before AWT loads, unless the caller chose otherwise.
 */
public final class PngImages {

    /** Viridis at 0, ¼, ½, ¾, 1 (sRGB). */
    private static final int[][] MAP = {
        {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}
    };
    private static final int MARGIN = 12;
    private static final int TITLE_HEIGHT = 24;
    private static final int BAR_GAP = 8;
    private static final int BAR_WIDTH = 14;
    private static final int BAR_LABELS = 64;
    private static final int TICKS = 5;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * One image of the grid: a row-major array of {@code rows × columns} values, row index down
     * the image as matplotlib's {@code imshow}.
     *
     * @param title shown above the image
     * @param rows rows of the array
     * @param columns columns of the array
     * @param values {@code rows·columns} finite values (e.g. magnitudes). Not modified.
     */
    public record Panel(String title, int rows, int columns, double[] values) {

        /**
         * Checks the shape.
         *
         * @param title shown above the image
         * @param rows rows of the array, ≥ 1
         * @param columns columns of the array, ≥ 1
         * @param values {@code rows·columns} values
         * @throws IllegalArgumentException if the length does not fit the shape
         */
        public Panel {
            if (rows < 1 || columns < 1 || values == null || values.length != rows * columns) {
                throw new IllegalArgumentException("panel '" + title + "' of " + rows + "x" + columns + " needs "
                        + rows * columns + " values but got " + (values == null ? "null" : values.length));
            }
        }

        /**
         * @param title shown above the image
         * @param n the side of the square array
         * @param values {@code n·n} values
         * @return a square panel
         */
        public static Panel square(String title, int n, double[] values) {
            return new Panel(title, n, n, values);
        }
    }

    private PngImages() {}

    /**
     * @param file the PNG to write (parent directories are created)
     * @param side the pixels of each panel's longer side (arrays are scaled up, nearest neighbour)
     * @param columns panels per row of the grid
     * @param panels the panels, row by row
     */
    public static void write(Path file, int side, int columns, Panel... panels) {
        if (panels.length == 0 || columns < 1 || side < 1) {
            throw new IllegalArgumentException("an image needs at least one panel, columns ≥ 1 and side ≥ 1 but got "
                    + panels.length + " panels, " + columns + " columns, side " + side + " (" + file + ")");
        }
        int rows = (panels.length + columns - 1) / columns;
        int cellWidth = side + BAR_GAP + BAR_WIDTH + BAR_LABELS + MARGIN;
        int cellHeight = TITLE_HEIGHT + side + MARGIN;
        BufferedImage img = new BufferedImage(MARGIN + columns * cellWidth, MARGIN + rows * cellHeight,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            for (int p = 0; p < panels.length; p++) {
                int ox = MARGIN + (p % columns) * cellWidth;
                int oy = MARGIN + (p / columns) * cellHeight;
                drawPanel(g, img, panels[p], ox, oy, side);
            }
        } finally {
            g.dispose();
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in javax.imageio for " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static void drawPanel(Graphics2D g, BufferedImage img, Panel panel, int ox, int oy, int side) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double a : panel.values()) {
            min = Math.min(min, a);
            max = Math.max(max, a);
        }
        if (!(max > min)) {
            max = min + (min == 0 ? 1 : Math.abs(min));
        }
        int longer = Math.max(panel.rows(), panel.columns());
        int width = side * panel.columns() / longer;
        int height = side * panel.rows() / longer;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(panel.title(), ox + Math.max(0, (width - fm.stringWidth(panel.title())) / 2), oy + fm.getAscent());

        int top = oy + TITLE_HEIGHT;
        for (int y = 0; y < height; y++) {
            int i = y * panel.rows() / height;
            for (int x = 0; x < width; x++) {
                int j = x * panel.columns() / width;
                img.setRGB(ox + x, top + y, colour((panel.values()[i * panel.columns() + j] - min) / (max - min)));
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(ox - 1, top - 1, width + 1, height + 1);

        int barX = ox + width + BAR_GAP;
        for (int y = 0; y < height; y++) {
            int rgb = colour(1 - (double) y / Math.max(1, height - 1));
            for (int x = 0; x < BAR_WIDTH; x++) {
                img.setRGB(barX + x, top + y, rgb);
            }
        }
        g.drawRect(barX - 1, top - 1, BAR_WIDTH + 1, height + 1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        fm = g.getFontMetrics();
        for (int t = 0; t < TICKS; t++) {
            double frac = (double) t / (TICKS - 1);
            int y = top + (int) Math.round((1 - frac) * (height - 1));
            g.drawLine(barX + BAR_WIDTH, y, barX + BAR_WIDTH + 3, y);
            g.drawString(tickLabel(min + frac * (max - min)), barX + BAR_WIDTH + 5,
                    Math.min(top + height, Math.max(top + fm.getAscent(), y + fm.getAscent() / 2)));
        }
    }

    private static String tickLabel(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        return a >= 1e-2 && a < 1e4 ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.1e", v);
    }

    private static int colour(double t) {
        double u = Math.max(0, Math.min(1, t)) * (MAP.length - 1);
        int i = Math.min((int) u, MAP.length - 2);
        double f = u - i;
        int r = (int) Math.round(MAP[i][0] + f * (MAP[i + 1][0] - MAP[i][0]));
        int g = (int) Math.round(MAP[i][1] + f * (MAP[i + 1][1] - MAP[i][1]));
        int b = (int) Math.round(MAP[i][2] + f * (MAP[i + 1][2] - MAP[i][2]));
        return (r << 16) | (g << 8) | b;
    }
}
