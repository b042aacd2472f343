package io.github.regpy4j.operators.scattering;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Convolution with the periodized fundamental solution of the Helmholtz equation on an {@code
 * N × N} grid, for densities supported on a subset of the grid and values wanted there only. Port
 * of regpy's {@code PeriodizedHelmholtzVolumePotential} ({@code regpy.operators.convolution}) in
 * two dimensions, after Vainikko: the fundamental solution {@code (i/4) H₀⁽¹⁾(κ|x|)}, cut off
 * outside the disc of radius {@code a} (half the period {@code N h}) and periodized, has the
 * Fourier coefficients, with {@code R = κ a} and {@code p = π|J|} for {@code J ∈ ℤ²},
 *
 * <pre>
 *   K̂(J) = 2R · R²/(p² − R²) · (1 + (iπ/2)(p J₁(p) H₀⁽¹⁾(R) − R J₀(p) H₁⁽¹⁾(R)))
 *   K̂(0) = 2R · (−1/(2R) + (iπ/4) H₁⁽¹⁾(R))
 *   K̂(J) = 2R · (iπR/8)(J₀(R) H₀⁽¹⁾(R) + J₁(R) H₁⁽¹⁾(R))        where p = R
 * </pre>
 *
 * <p>and {@code V f = IFFT(K̂ · FFT f)} (regpy composes unitary transforms, whose factors cancel).
 * For densities supported in a disc of diameter below {@code a} the values agree with the free-space
 * volume potential there.
 *
 * <p>Arguments and results are the values on the support only (interleaved complex, in the order
 * of {@code support}). The 2-D transform is done as 1-D transforms of rows and columns, skipping
 * the rows the support does not meet (their transforms are zero on the way in and not needed on
 * the way out): about {@code 3N} transforms of length {@code N} instead of {@code 4N}. Holds its
 * work arrays: one instance per thread.
 */
final class PeriodizedVolumePotential {

    private final int n;
    private final int[] support;
    /** {@code K̂ / N²} in FFT order, column-major: entry {@code (row r, column c)} at {@code 2(cN + r)}. */
    private final double[] multiplierByColumn;
    private final int firstRow;
    private final int lastRow;
    private final DoubleFFT_1D fft;
    private final double[] grid;
    private final double[] column;

    /**
     * @param n the grid size {@code N}, even
     * @param kappaA {@code R = κ a}: the wave number times half the period
     * @param support flat indices (row-major) of the support, increasing, at least one. Not modified.
     */
    PeriodizedVolumePotential(int n, double kappaA, int[] support) {
        this.n = n;
        this.support = support.clone();
        double[] multiplier = fourierMultiplier(n, kappaA);
        double scale = 1.0 / ((double) n * n);
        this.multiplierByColumn = new double[2 * n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                multiplierByColumn[2 * (c * n + r)] = multiplier[2 * (r * n + c)] * scale;
                multiplierByColumn[2 * (c * n + r) + 1] = multiplier[2 * (r * n + c) + 1] * scale;
            }
        }
        this.firstRow = support[0] / n;
        this.lastRow = support[support.length - 1] / n;
        this.fft = new DoubleFFT_1D(n);
        this.grid = new double[2 * n * n];
        this.column = new double[2 * n];
    }

    /**
     * Vainikko's Fourier coefficients {@code K̂(J)} in FFT order ({@code J = k} for {@code k <
     * N/2}, {@code k − N} above, on both axes), as regpy's {@code fftshift} of its centred array.
     *
     * @param n the grid size {@code N}, even
     * @param kappaA {@code R = κ a} &gt; 0
     * @return {@code N²} complex values, interleaved, row-major
     */
    static double[] fourierMultiplier(int n, double kappaA) {
        double r = kappaA;
        double[] atR = Bessel.ordersZeroAndOne(r);
        double j0r = atR[0];
        double j1r = atR[1];
        double y0r = atR[2];
        double y1r = atR[3];
        double[] out = new double[2 * n * n];
        // p depends on |J|² only; the grid has few distinct values (8-fold symmetry and more).
        int maxSquare = 2 * (n / 2) * (n / 2);
        double[] byRe = new double[maxSquare + 1];
        double[] byIm = new double[maxSquare + 1];
        boolean[] known = new boolean[maxSquare + 1];
        for (int a = 0; a < n; a++) {
            int ja = a < n / 2 ? a : a - n;
            for (int b = 0; b < n; b++) {
                int jb = b < n / 2 ? b : b - n;
                int square = ja * ja + jb * jb;
                if (!known[square]) {
                    double re;
                    double im;
                    double p = Math.PI * Math.sqrt(square);
                    if (square == 0) {
                        // −1/(2R) + (iπ/4) H₁(R)
                        re = -1 / (2 * r) - Math.PI / 4 * y1r;
                        im = Math.PI / 4 * j1r;
                    } else if (p == r) {
                        // (iπR/8)(J₀H₀ + J₁H₁), H = J + iY
                        double sRe = j0r * j0r + j1r * j1r;
                        double sIm = j0r * y0r + j1r * y1r;
                        re = -Math.PI * r / 8 * sIm;
                        im = Math.PI * r / 8 * sRe;
                    } else {
                        double[] j = Bessel.firstKind(p);
                        // A = p J₁(p) H₀(R) − R J₀(p) H₁(R); 1 + (iπ/2) A
                        double aRe = p * j[1] * j0r - r * j[0] * j1r;
                        double aIm = p * j[1] * y0r - r * j[0] * y1r;
                        double f = r * r / (p * p - r * r);
                        re = f * (1 - Math.PI / 2 * aIm);
                        im = f * (Math.PI / 2 * aRe);
                    }
                    byRe[square] = 2 * r * re;
                    byIm[square] = 2 * r * im;
                    known[square] = true;
                }
                out[2 * (a * n + b)] = byRe[square];
                out[2 * (a * n + b) + 1] = byIm[square];
            }
        }
        return out;
    }

    /**
     * {@code out = (V E x)|_support}, or with {@code adjoint} {@code (V* E x)|_support}, where
     * {@code E} extends by zero. {@code V*} has the multiplier {@code conj K̂}.
     *
     * @param x values on the support, {@code 2·|support|} doubles. Not modified.
     * @param out values on the support. Modified: overwritten. May be {@code x}.
     * @param adjoint whether to apply {@code V*} instead of {@code V}
     */
    void apply(double[] x, double[] out, boolean adjoint) {
        int rowLength = 2 * n;
        // Rows outside [firstRow, lastRow] are zero and stay zero: nothing below writes them.
        Arrays.fill(grid, firstRow * rowLength, (lastRow + 1) * rowLength, 0.0);
        for (int s = 0; s < support.length; s++) {
            int at = 2 * support[s];
            grid[at] = x[2 * s];
            grid[at + 1] = x[2 * s + 1];
        }
        for (int row = firstRow; row <= lastRow; row++) {
            fft.complexForward(grid, row * rowLength);
        }
        double sign = adjoint ? -1.0 : 1.0;
        for (int c = 0; c < n; c++) {
            Arrays.fill(column, 0.0);
            for (int row = firstRow; row <= lastRow; row++) {
                column[2 * row] = grid[row * rowLength + 2 * c];
                column[2 * row + 1] = grid[row * rowLength + 2 * c + 1];
            }
            fft.complexForward(column);
            int base = 2 * c * n;
            for (int k = 0; k < rowLength; k += 2) {
                double mr = multiplierByColumn[base + k];
                double mi = sign * multiplierByColumn[base + k + 1];
                double vr = column[k];
                double vi = column[k + 1];
                column[k] = mr * vr - mi * vi;
                column[k + 1] = mr * vi + mi * vr;
            }
            fft.complexInverse(column, false);
            for (int row = firstRow; row <= lastRow; row++) {
                grid[row * rowLength + 2 * c] = column[2 * row];
                grid[row * rowLength + 2 * c + 1] = column[2 * row + 1];
            }
        }
        for (int row = firstRow; row <= lastRow; row++) {
            fft.complexInverse(grid, row * rowLength, false);
        }
        for (int s = 0; s < support.length; s++) {
            int at = 2 * support[s];
            out[2 * s] = grid[at];
            out[2 * s + 1] = grid[at + 1];
        }
    }
}
