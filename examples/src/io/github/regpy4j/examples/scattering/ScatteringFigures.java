package io.github.regpy4j.examples.scattering;

import io.github.regpy4j.examples.mri.PngImages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The example's pictures: {@code reconstruction.png}, the panels of regpy's figure (exact contrast,
 * reconstruction and their difference above the exact far field, the reconstruction's far field
 * and their difference, all as magnitudes, with titles and colour bars), and {@code
 * convergence.png}, residual and reconstruction error per iteration on log scales, drawn with
 * JFreeChart. Rendered headless.
 */
public final class ScatteringFigures {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ScatteringFigures() {}

    /**
     * Writes both pictures.
     *
     * @param problem the problem
     * @param outcome a reconstruction of it
     * @param dir the directory (created if missing)
     * @return the files written
     */
    public static List<Path> write(ScatteringProblem problem, ScatteringReconstruction.Outcome outcome, Path dir) {
        Path panels = dir.resolve("reconstruction.png");
        Path convergence = dir.resolve("convergence.png");
        writePanels(problem, outcome, panels);
        writeConvergence(outcome, convergence);
        return List.of(panels, convergence);
    }

    /**
     * @param problem the problem
     * @param outcome a reconstruction of it
     * @param file the PNG to write
     */
    public static void writePanels(ScatteringProblem problem, ScatteringReconstruction.Outcome outcome, Path file) {
        int n = problem.size();
        int d = problem.directions();
        double[] exact = problem.exactContrast();
        double[] reco = outcome.reconstruction();
        double[] exactData = problem.exactDataInRegpyOrder();
        double[] recoData = problem.toRegpyOrder(outcome.reconstructedData());
        PngImages.write(file, 256, 3,
                PngImages.Panel.square("exact contrast |a|", n, modulus(exact, null)),
                PngImages.Panel.square("reconstruction |ã|", n, modulus(reco, null)),
                PngImages.Panel.square("difference |ã − a|", n, modulus(reco, exact)),
                PngImages.Panel.square("exact far field |F(a)|", d, modulus(exactData, null)),
                PngImages.Panel.square("far field of ã |F(ã)|", d, modulus(recoData, null)),
                PngImages.Panel.square("difference |F(ã) − F(a)|", d, modulus(recoData, exactData)));
    }

    /** @return {@code |x − y|} entry by entry of interleaved complex arrays ({@code |x|} for {@code y == null}) */
    private static double[] modulus(double[] x, double[] y) {
        double[] m = new double[x.length / 2];
        for (int k = 0; k < m.length; k++) {
            double re = x[2 * k] - (y == null ? 0 : y[2 * k]);
            double im = x[2 * k + 1] - (y == null ? 0 : y[2 * k + 1]);
            m[k] = Math.hypot(re, im);
        }
        return m;
    }

    /**
     * @param outcome a reconstruction
     * @param file the PNG to write: residual (left axis, with the discrepancy bound τδ) and
     *     relative error (right axis) per iteration, both logarithmic
     */
    public static void writeConvergence(ScatteringReconstruction.Outcome outcome, Path file) {
        XYSeries residual = new XYSeries("residual ‖F(xₙ) − y^δ‖");
        XYSeries error = new XYSeries("relative error ‖xₙ − a‖ / ‖a‖");
        for (ScatteringReconstruction.Progress p : outcome.progress()) {
            residual.add(p.state().iteration(), p.state().residualNorm());
            if (p.relativeError() > 0) {
                error.add(p.state().iteration(), p.relativeError());
            }
        }
        NumberAxis iterations = new NumberAxis("IRGNM iteration n");
        iterations.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        LogarithmicAxis residualAxis = logAxis("residual ‖F(xₙ) − y^δ‖");
        LogarithmicAxis errorAxis = logAxis("relative error");

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(iterations);
        plot.setRangeAxis(0, residualAxis);
        plot.setRangeAxis(1, errorAxis);
        plot.setDataset(0, new XYSeriesCollection(residual));
        plot.setDataset(1, new XYSeriesCollection(error));
        plot.mapDatasetToRangeAxis(0, 0);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(0, renderer(new Color(31, 119, 180)));
        plot.setRenderer(1, renderer(new Color(255, 127, 14)));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);

        double bound = ScatteringReconstruction.TAU * outcome.noiseLevel();
        ValueMarker marker = new ValueMarker(bound, Color.GRAY, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        marker.setLabel("τδ (discrepancy principle)");
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        marker.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        plot.addRangeMarker(0, marker, Layer.FOREGROUND);
        // keep the marker in view even when the residual stays far above it
        residualAxis.setRange(Math.min(bound, residual.getMinY()) / 1.5, Math.max(residual.getMaxY(), bound) * 1.5);

        JFreeChart chart = new JFreeChart("IRGNM-CG convergence (stopped by " + stopName(outcome) + ")",
                new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ChartUtils.saveChartAsPNG(file.toFile(), chart, 760, 440);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** A log axis labelled at 1…9·10ᵏ in plain decimals, readable over less than a decade too. */
    private static LogarithmicAxis logAxis(String label) {
        LogarithmicAxis axis = new LogarithmicAxis(label);
        axis.setStrictValuesFlag(false);
        axis.setExpTickLabelsFlag(false);
        axis.setLog10TickLabelsFlag(false);
        return axis;
    }

    private static String stopName(ScatteringReconstruction.Outcome outcome) {
        return outcome.result().stoppedBy().getClass().getSimpleName();
    }

    private static XYLineAndShapeRenderer renderer(Color colour) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, colour);
        r.setSeriesStroke(0, new BasicStroke(2f));
        return r;
    }
}
