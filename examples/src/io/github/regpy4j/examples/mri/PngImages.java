package io.github.regpy4j.examples.mri;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes magnitude images as PNG with {@code javax.imageio}: panels side by side, each scaled to
 * its own maximum and coloured with a viridis-like map, separated by white gaps.
 */
public final class PngImages {

    /** Viridis at 0, ¼, ½, ¾, 1 (sRGB). */
    private static final int[][] MAP = {
        {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}
    };
    private static final int GAP = 8;

    private PngImages() {}

    /**
     * @param file the PNG to write (parent directories are created)
     * @param n the side of each (square, row-major) panel
     * @param scale pixels per grid point
     * @param columns panels per row
     * @param panels the magnitudes, {@code n·n} each. Not modified.
     */
    public static void write(Path file, int n, int scale, int columns, double[]... panels) {
        int rows = (panels.length + columns - 1) / columns;
        int side = n * scale;
        int width = columns * side + (columns - 1) * GAP;
        int height = rows * side + (rows - 1) * GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, 0xFFFFFF);
            }
        }
        for (int p = 0; p < panels.length; p++) {
            double[] v = panels[p];
            double max = 0;
            for (double a : v) {
                max = Math.max(max, a);
            }
            int ox = (p % columns) * (side + GAP);
            int oy = (p / columns) * (side + GAP);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int rgb = colour(max == 0 ? 0 : v[i * n + j] / max);
                    // row index i along the image's y axis, as matplotlib's imshow
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(ox + j * scale + dx, oy + i * scale + dy, rgb);
                        }
                    }
                }
            }
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
