package io.github.regpy4j.hilbert;

import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.UniformGrid.Axis;

/** Grids, masks and dense Gram matrices for the Hilbert-space and solver tests, from the mathematics only. */
public final class Grids {

    private Grids() {}

    /** A grid on {@code [-1, 1]} along every axis of {@code n[i]} points. */
    public static UniformGrid grid(boolean complex, int... n) {
        Axis[] axes = new Axis[n.length];
        for (int i = 0; i < n.length; i++) {
            axes[i] = new Axis(-1, 1, n[i]);
        }
        return complex ? UniformGrid.complex(axes) : UniformGrid.real(axes);
    }

    /** The points of a 2-D grid within {@code radius} of the centre (a disc, as a scattering support). */
    public static boolean[] disc(UniformGrid grid, double radius) {
        double[] x = grid.meshgrid(0);
        double[] y = grid.meshgrid(1);
        boolean[] mask = new boolean[grid.size()];
        for (int k = 0; k < mask.length; k++) {
            mask[k] = x[k] * x[k] + y[k] * y[k] < radius * radius;
        }
        return mask;
    }

    /**
     * The whole-grid Sobolev Gram matrix by the naive DFT, independently of any FFT:
     * {@code B[i][j] = N⁻¹ Σ_k (1 + |ξ_k|²)^s cos(2π Σ_d k_d (i_d − j_d) / n_d)}, with
     * {@code ξ_d = L k_d / (n_d h_d)}, {@code L} the longest side, {@code k_d} the signed FFT index.
     */
    public static double[][] denseSobolevGram(UniformGrid grid, double s) {
        int[] n = grid.shape();
        int dims = n.length;
        int size = grid.size();
        double longest = 0;
        for (int d = 0; d < dims; d++) {
            longest = Math.max(longest, (n[d] - 1) * grid.spacing(d));
        }
        int[][] idx = new int[size][];
        for (int p = 0; p < size; p++) {
            idx[p] = multiIndex(p, n);
        }
        double[][] b = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double sum = 0;
                for (int q = 0; q < size; q++) {
                    double xi2 = 0;
                    double phase = 0;
                    for (int d = 0; d < dims; d++) {
                        int k = idx[q][d] <= (n[d] - 1) / 2 ? idx[q][d] : idx[q][d] - n[d];
                        double xi = longest * k / (n[d] * grid.spacing(d));
                        xi2 += xi * xi;
                        phase += 2 * Math.PI * k * (idx[i][d] - idx[j][d]) / (double) n[d];
                    }
                    sum += Math.pow(1 + xi2, s) * Math.cos(phase);
                }
                b[i][j] = sum / size;
            }
        }
        return b;
    }

    public static int[] multiIndex(int flat, int[] n) {
        int[] m = new int[n.length];
        for (int d = n.length - 1; d >= 0; d--) {
            m[d] = flat % n[d];
            flat /= n[d];
        }
        return m;
    }

    /** {@code A x} for a real matrix, applied to the real and imaginary parts of a complex vector. */
    public static double[] multiply(double[][] a, double[] x, boolean complex) {
        int width = complex ? 2 : 1;
        double[] y = new double[x.length];
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < width; c++) {
                double s = 0;
                for (int j = 0; j < a.length; j++) {
                    s += a[i][j] * x[width * j + c];
                }
                y[width * i + c] = s;
            }
        }
        return y;
    }

    /** {@code x} with the entries outside the mask set to zero. */
    public static double[] masked(double[] x, boolean[] mask, boolean complex) {
        int width = complex ? 2 : 1;
        double[] y = x.clone();
        for (int k = 0; k < mask.length; k++) {
            if (!mask[k]) {
                for (int c = 0; c < width; c++) {
                    y[width * k + c] = 0;
                }
            }
        }
        return y;
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    public static double relativeDifference(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int k = 0; k < a.length; k++) {
            num += (a[k] - b[k]) * (a[k] - b[k]);
            den += b[k] * b[k];
        }
        return Math.sqrt(num / Math.max(den, Double.MIN_NORMAL));
    }
}
