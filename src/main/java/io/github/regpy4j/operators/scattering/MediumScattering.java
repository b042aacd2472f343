package io.github.regpy4j.operators.scattering;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.linalg.Gmres;
import io.github.regpy4j.linalg.GmresNotConvergedException;
import io.github.regpy4j.vecsps.UniformGrid;
import io.github.regpy4j.vecsps.VectorSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acoustic scattering by a penetrable inhomogeneous medium in the plane: the contrast {@code a =
 * 1 − n²} (refractive index {@code n}) on a grid ↦ the far-field patterns of the scattered waves
 * for fixed incident and measurement directions. Port of regpy's {@code MediumScatteringFixed}
 * (regpy-examples, {@code medium_scattering/mediumscattering.py}, with the "helmholtz"
 * normalization), with the same grid, support, far-field normalization and array order, so that
 * its values agree with regpy's.
 *
 * <h2>Mathematics</h2>
 * For each incident plane wave {@code u_inc,j(x) = exp(i k d_j·x)} the total field {@code u}
 * solves the Lippmann–Schwinger equation {@code u = u_inc − V(a u)}, with {@code V} the
 * periodized Helmholtz volume potential (Vainikko's fast solver; see {@code
 * PeriodizedVolumePotential}). Its unknown {@code v = a u} solves
 *
 * <pre>
 *   v + a · V v = a · u_inc,j                       (by GMRES, from v = 0)
 *   F(a)[m, j] = c · Σ_{x ∈ support} exp(−i k θ_m·x) v(x),   c = h² k² e^{iπ/4} / √(8πk)
 * </pre>
 *
 * <p>with {@code θ_m} the far-field directions and {@code h} the grid spacing. The derivative at
 * {@code a} in the direction {@code δa} solves the same equation with right-hand side {@code δa ·
 * u_j}, {@code u_j = u_inc,j − V v_j} the total field of the linearization; its adjoint solves the
 * adjoint equation {@code z + V*(conj(a) z) = F_farᴴ g_j} and returns {@code Σ_j conj(u_j) z_j} on
 * the support. The adjoint is for the real inner product {@code Re⟨·,·⟩} (the derivative is
 * complex-linear, so the complex adjoint is also the real one).
 *
 * <h2>Grid, support, arrays</h2>
 * <ul>
 *   <li>Domain: a complex {@link UniformGrid} of {@code N × N} points {@code x_i = −2r + i·4r/N},
 *       {@code i < N}, on both axes (numpy's {@code linspace(−2r, 2r, N, endpoint=False)}),
 *       row-major. {@link #support()} is {@code |x| ≤ r}. Entries off the support are ignored:
 *       the value treats them as 0, the derivative does not read them, the adjoint returns 0 there.
 *   <li>Codomain: complex, shape {@code (n_far, n_inc)}, row-major, as regpy's array: the entry
 *       of far-field direction {@code m} and incident direction {@code j} at flat index {@code
 *       m·n_inc + j}. Splitting the incident directions among operators ({@link
 *       #splitIncidentDirections(int)}) therefore splits the columns, not contiguous blocks.
 * </ul>
 *
 * <h2>Departures from regpy</h2>
 * <ul>
 *   <li>GMRES runs on the values on the support only (the unknown {@code v} vanishes off it, and
 *       the adjoint equation restricted to the support is closed), which gives the same solution
 *       with less work per iteration.
 *   <li>When GMRES does not reach its tolerance, regpy logs a warning and goes on with the last
 *       iterate; this throws {@link GmresNotConvergedException} naming the incident direction.
 *   <li>Two dimensions only (regpy's three-dimensional kernel does not run: it calls {@code
 *       np.fftshift}).
 * </ul>
 *
 * <p>The operator holds only its parameters when serialized; the kernel, the plane waves, the FFT
 * plan and the work arrays are rebuilt on first use (as {@code FourierTransform}'s plan), so it
 * can be sent to a worker JVM. Like every operator it is used by one thread at a time: it reuses
 * its work arrays from call to call.
 */
public final class MediumScattering extends Operator {

    private static final Logger LOG = LoggerFactory.getLogger(MediumScattering.class);

    private final int n;
    private final double radius;
    private final double waveNumber;
    private final double[][] incidentDirections;
    private final double[][] farfieldDirections;
    private final Gmres gmres;

    /** Everything derived from the parameters: rebuilt after deserialization. */
    private transient Tables tables;
    /** The contrast on the support at the last evaluation, and the total fields when linearized. */
    private transient double[] contrast;
    private transient double[][] totalFields;
    /** GMRES iterations of the current call, for the debug log. */
    private transient int iterations;

    private MediumScattering(int n, double radius, double waveNumber, double[][] incident, double[][] farfield,
            Gmres gmres) {
        super(grid(n, radius), VectorSpace.complex(farfield.length, incident.length), false);
        this.n = n;
        this.radius = radius;
        this.waveNumber = waveNumber;
        this.incidentDirections = incident;
        this.farfieldDirections = farfield;
        this.gmres = gmres;
        tables();
    }

    /**
     * regpy's {@code MediumScatteringFixed(gridshape, radius, wave_number, inc_directions,
     * farfield_directions)}, with its default GMRES ({@link Gmres#regpyDefaults()}) and support
     * (the disc of the given radius).
     *
     * @param gridShape {@code {N, N}}, {@code N} even and ≥ 4. Not modified.
     * @param radius {@code r} &gt; 0: the object lies in the disc {@code |x| ≤ r}; the grid covers
     *     {@code [−2r, 2r)²}
     * @param waveNumber {@code k} &gt; 0
     * @param incidentDirections unit vectors {@code d_j}, shape {@code (n_inc, 2)}, at least one.
     *     Not modified (copied).
     * @param farfieldDirections unit vectors {@code θ_m}, shape {@code (n_far, 2)}, at least one.
     *     Not modified (copied).
     * @return the operator
     * @throws IllegalArgumentException if a parameter is not as described, saying which and why
     */
    public static MediumScattering fixed(int[] gridShape, double radius, double waveNumber,
            double[][] incidentDirections, double[][] farfieldDirections) {
        return fixed(gridShape, radius, waveNumber, incidentDirections, farfieldDirections, Gmres.regpyDefaults());
    }

    /**
     * As {@link #fixed(int[], double, double, double[][], double[][])} with other GMRES parameters
     * (regpy's {@code gmres_args}).
     *
     * @param gridShape {@code {N, N}}, {@code N} even and ≥ 4. Not modified.
     * @param radius {@code r} &gt; 0
     * @param waveNumber {@code k} &gt; 0
     * @param incidentDirections unit vectors, shape {@code (n_inc, 2)}. Not modified (copied).
     * @param farfieldDirections unit vectors, shape {@code (n_far, 2)}. Not modified (copied).
     * @param gmres the solver of the Lippmann–Schwinger equations; its parameters are used, not
     *     the instance (which holds work arrays)
     * @return the operator
     * @throws IllegalArgumentException if a parameter is not as described
     */
    public static MediumScattering fixed(int[] gridShape, double radius, double waveNumber,
            double[][] incidentDirections, double[][] farfieldDirections, Gmres gmres) {
        if (gridShape == null || gridShape.length != 2) {
            throw new IllegalArgumentException("MediumScattering needs a grid shape {N, N} of two axes but got "
                    + Arrays.toString(gridShape));
        }
        int n = gridShape[0];
        if (gridShape[1] != n || n < 4 || n % 2 != 0) {
            throw new IllegalArgumentException("MediumScattering needs a square grid of even size N ≥ 4 (the periodized"
                    + " volume potential's requirement) but got " + Arrays.toString(gridShape));
        }
        if (!(radius > 0 && radius < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("MediumScattering needs a finite radius > 0 but got " + radius);
        }
        if (!(waveNumber > 0 && waveNumber < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("MediumScattering needs a finite wave number > 0 but got " + waveNumber);
        }
        if (gmres == null) {
            throw new IllegalArgumentException("MediumScattering needs a Gmres but got null");
        }
        return new MediumScattering(n, radius, waveNumber, unitVectors(incidentDirections, "incident"),
                unitVectors(farfieldDirections, "far-field"),
                new Gmres(gmres.restart(), gmres.relativeTolerance(), gmres.absoluteTolerance(), gmres.maxCycles()));
    }

    /**
     * {@code count} directions equally spaced on the unit circle, at angles {@code 2πi/count}:
     * regpy's {@code util.linspace_circle(count)}.
     *
     * @param count at least 1
     * @return a fresh array of shape {@code (count, 2)}
     */
    public static double[][] circleDirections(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("circleDirections needs count ≥ 1 but got " + count);
        }
        double[][] d = new double[count][];
        double step = 2 * Math.PI / count;
        for (int i = 0; i < count; i++) {
            double angle = i * step;
            d[i] = new double[] {Math.cos(angle), Math.sin(angle)};
        }
        return d;
    }

    private static double[][] unitVectors(double[][] directions, String what) {
        if (directions == null || directions.length == 0) {
            throw new IllegalArgumentException("MediumScattering needs at least one " + what + " direction but got "
                    + (directions == null ? "null" : "none"));
        }
        double[][] copy = new double[directions.length][];
        for (int i = 0; i < directions.length; i++) {
            double[] d = directions[i];
            if (d == null || d.length != 2) {
                throw new IllegalArgumentException(what + " direction " + i + " must have 2 components but is "
                        + Arrays.toString(d));
            }
            double norm = Math.hypot(d[0], d[1]);
            // numpy's allclose(norm, 1), as regpy checks
            if (!(Math.abs(norm - 1) <= 1e-8 + 1e-5)) {
                throw new IllegalArgumentException(what + " direction " + i + " must be a unit vector but "
                        + Arrays.toString(d) + " has norm " + norm);
            }
            copy[i] = d.clone();
        }
        return copy;
    }

    private static UniformGrid grid(int n, double radius) {
        double h = 4 * radius / n;
        UniformGrid.Axis axis = new UniformGrid.Axis(-2 * radius, (n - 1) * h - 2 * radius, n);
        return UniformGrid.complex(axis, axis);
    }

    /** @return the grid shape {@code {N, N}} */
    public int[] gridShape() {
        return new int[] {n, n};
    }

    /** @return the radius {@code r} of the disc that holds the object */
    public double radius() {
        return radius;
    }

    /** @return the wave number {@code k} */
    public double waveNumber() {
        return waveNumber;
    }

    /** @return a fresh copy of the incident directions, shape {@code (n_inc, 2)} */
    public double[][] incidentDirections() {
        return deepCopy(incidentDirections);
    }

    /** @return a fresh copy of the far-field directions, shape {@code (n_far, 2)} */
    public double[][] farfieldDirections() {
        return deepCopy(farfieldDirections);
    }

    /** @return the GMRES parameters (a fresh solver with them) */
    public Gmres gmres() {
        return new Gmres(gmres.restart(), gmres.relativeTolerance(), gmres.absoluteTolerance(), gmres.maxCycles());
    }

    /**
     * The grid points inside the support, {@code |x| ≤ r}: regpy's {@code support}.
     *
     * @return a fresh flat mask of {@code N²} entries, row-major
     */
    public boolean[] support() {
        boolean[] mask = new boolean[n * n];
        for (int index : tables().support) {
            mask[index] = true;
        }
        return mask;
    }

    /**
     * The same problem with the incident directions split into {@code parts} contiguous blocks,
     * one operator each, to be evaluated side by side (e.g. by a {@code ParallelVectorOfOperators}).
     * Block {@code p} gets the directions {@code [⌊p·n_inc/parts⌋, ⌊(p+1)·n_inc/parts⌋)}. Their
     * values joined in order are this operator's value with the columns regrouped: see {@link
     * #joinedToRegpyOrder(double[], int)}.
     *
     * @param parts between 1 and {@code n_inc}
     * @return {@code parts} new operators with the same grid, far-field directions and GMRES
     */
    public List<MediumScattering> splitIncidentDirections(int parts) {
        int count = incidentDirections.length;
        if (parts < 1 || parts > count) {
            throw new IllegalArgumentException("can split " + count + " incident directions into 1 to " + count
                    + " parts but got " + parts + " (operator " + this + ")");
        }
        List<MediumScattering> ops = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            double[][] block = Arrays.copyOfRange(incidentDirections, (int) ((long) p * count / parts),
                    (int) ((long) (p + 1) * count / parts));
            ops.add(new MediumScattering(n, radius, waveNumber, deepCopy(block), deepCopy(farfieldDirections), gmres()));
        }
        return ops;
    }

    /**
     * Reorders the values of the {@code parts} operators of {@link
     * #splitIncidentDirections(int) splitIncidentDirections(parts)}, concatenated in order (each
     * of shape {@code (n_far, n_inc,p)}), into this operator's array of shape {@code (n_far,
     * n_inc)}.
     *
     * @param joined the concatenated values, as long as this codomain's arrays. Not modified.
     * @param parts the number of parts of the split
     * @return a fresh element of this codomain
     * @throws IllegalArgumentException if the length or the number of parts does not fit
     */
    public double[] joinedToRegpyOrder(double[] joined, int parts) {
        int count = incidentDirections.length;
        int far = farfieldDirections.length;
        if (parts < 1 || parts > count) {
            throw new IllegalArgumentException("a split of " + count + " incident directions has 1 to " + count
                    + " parts but got " + parts + " (operator " + this + ")");
        }
        if (joined == null || joined.length != 2 * far * count) {
            throw new IllegalArgumentException("joined values need length " + 2 * far * count + " but have "
                    + (joined == null ? "null" : joined.length) + " (operator " + this + ")");
        }
        double[] out = new double[joined.length];
        int offset = 0;
        for (int p = 0; p < parts; p++) {
            int first = (int) ((long) p * count / parts);
            int width = (int) ((long) (p + 1) * count / parts) - first;
            for (int m = 0; m < far; m++) {
                for (int j = 0; j < width; j++) {
                    int from = offset + 2 * (m * width + j);
                    int to = 2 * (m * count + first + j);
                    out[to] = joined[from];
                    out[to + 1] = joined[from + 1];
                }
            }
            offset += 2 * far * width;
        }
        return out;
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        Tables t = tables();
        int ns = t.support.length;
        int inc = incidentDirections.length;
        if (contrast == null) {
            contrast = new double[2 * ns];
        }
        for (int s = 0; s < ns; s++) {
            contrast[2 * s] = x[2 * t.support[s]];
            contrast[2 * s + 1] = x[2 * t.support[s] + 1];
        }
        if (differentiate && totalFields == null) {
            totalFields = new double[inc][2 * ns];
        }
        double[] farfield = new double[codomain().realSize()];
        double[] rhs = t.rhs;
        double[] v = t.solution;
        iterations = 0;
        for (int j = 0; j < inc; j++) {
            double[] wave = t.incident[j];
            for (int k = 0; k < 2 * ns; k += 2) {
                rhs[k] = wave[k] * contrast[k] - wave[k + 1] * contrast[k + 1];
                rhs[k + 1] = wave[k] * contrast[k + 1] + wave[k + 1] * contrast[k];
            }
            solve(t, false, j, rhs, v);
            t.farfield(v, farfield, j, inc);
            if (differentiate) {
                // u = u_inc − V v, the stable way back to the total field
                double[] u = totalFields[j];
                t.potential.apply(v, u, false);
                for (int k = 0; k < 2 * ns; k++) {
                    u[k] = wave[k] - u[k];
                }
            }
        }
        LOG.debug("{}: value, {} GMRES iterations", this, iterations);
        return farfield;
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        Tables t = tables();
        int ns = t.support.length;
        int inc = incidentDirections.length;
        double[] farfield = new double[codomain().realSize()];
        double[] rhs = t.rhs;
        double[] v = t.solution;
        iterations = 0;
        for (int j = 0; j < inc; j++) {
            double[] u = totalFields[j];
            for (int s = 0; s < ns; s++) {
                double hr = h[2 * t.support[s]];
                double hi = h[2 * t.support[s] + 1];
                rhs[2 * s] = u[2 * s] * hr - u[2 * s + 1] * hi;
                rhs[2 * s + 1] = u[2 * s] * hi + u[2 * s + 1] * hr;
            }
            solve(t, false, j, rhs, v);
            t.farfield(v, farfield, j, inc);
        }
        LOG.debug("{}: derivative, {} GMRES iterations", this, iterations);
        return farfield;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        Tables t = tables();
        int ns = t.support.length;
        int inc = incidentDirections.length;
        double[] result = new double[domain().realSize()];
        double[] rhs = t.rhs;
        double[] z = t.solution;
        iterations = 0;
        for (int j = 0; j < inc; j++) {
            t.farfieldAdjoint(y, j, inc, rhs);
            solve(t, true, j, rhs, z);
            double[] u = totalFields[j];
            for (int s = 0; s < ns; s++) {
                // conj(u) z
                double ur = u[2 * s];
                double ui = u[2 * s + 1];
                double zr = z[2 * s];
                double zi = z[2 * s + 1];
                result[2 * t.support[s]] += ur * zr + ui * zi;
                result[2 * t.support[s] + 1] += ur * zi - ui * zr;
            }
        }
        LOG.debug("{}: adjoint of the derivative, {} GMRES iterations", this, iterations);
        return result;
    }

    /**
     * Solves {@code v + a V v = rhs} or, with {@code adjoint}, {@code z + V*(conj(a) z) = rhs} on
     * the support, from zero, into {@code out}.
     */
    private void solve(Tables t, boolean adjoint, int wave, double[] rhs, double[] out) {
        Arrays.fill(out, 0.0);
        try {
            iterations += gmres.solve(adjoint ? t.adjointEquation : t.equation, rhs, out).iterations();
        } catch (GmresNotConvergedException e) {
            throw e.in((adjoint ? "adjoint Lippmann–Schwinger equation" : "Lippmann–Schwinger equation")
                    + " of incident direction " + wave + " " + Arrays.toString(incidentDirections[wave]) + " of " + this);
        }
    }

    private Tables tables() {
        if (tables == null) {
            tables = new Tables();
        }
        return tables;
    }

    /** What the parameters determine, and the work arrays of the solves. */
    private final class Tables {
        final int[] support;
        /** {@code u_inc,j} on the support, interleaved. */
        final double[][] incident;
        /** {@code c · exp(−i k θ_m·x)} on the support: row m, interleaved. */
        final double[][] farfieldMatrix;
        final PeriodizedVolumePotential potential;
        final double[] rhs;
        final double[] solution;
        final double[] convolved;
        final Gmres.LinearMap equation;
        final Gmres.LinearMap adjointEquation;

        Tables() {
            double h = 4 * radius / n;
            double[] axis = new double[n];
            for (int i = 0; i < n; i++) {
                axis[i] = i * h - 2 * radius; // numpy's linspace(−2r, 2r, N, endpoint=False)
            }
            int[] inside = new int[n * n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    if (Math.sqrt(axis[i] * axis[i] + axis[k] * axis[k]) <= radius) {
                        inside[count++] = i * n + k;
                    }
                }
            }
            support = Arrays.copyOf(inside, count);
            incident = new double[incidentDirections.length][2 * count];
            for (int j = 0; j < incident.length; j++) {
                double[] d = incidentDirections[j];
                for (int s = 0; s < count; s++) {
                    double phase = waveNumber * (d[0] * axis[support[s] / n] + d[1] * axis[support[s] % n]);
                    incident[j][2 * s] = Math.cos(phase);
                    incident[j][2 * s + 1] = Math.sin(phase);
                }
            }
            // c = h² k² e^{iπ/4} / √(8πk)
            double magnitude = h * h * waveNumber * waveNumber / Math.sqrt(8 * Math.PI * waveNumber);
            double cr = magnitude * Math.cos(Math.PI / 4);
            double ci = magnitude * Math.sin(Math.PI / 4);
            farfieldMatrix = new double[farfieldDirections.length][2 * count];
            for (int m = 0; m < farfieldMatrix.length; m++) {
                double[] d = farfieldDirections[m];
                for (int s = 0; s < count; s++) {
                    double phase = -waveNumber * (d[0] * axis[support[s] / n] + d[1] * axis[support[s] % n]);
                    double er = Math.cos(phase);
                    double ei = Math.sin(phase);
                    farfieldMatrix[m][2 * s] = cr * er - ci * ei;
                    farfieldMatrix[m][2 * s + 1] = cr * ei + ci * er;
                }
            }
            // R = k a, a = N h / 2 half the period
            potential = new PeriodizedVolumePotential(n, waveNumber * n * h / 2, support);
            rhs = new double[2 * count];
            solution = new double[2 * count];
            convolved = new double[2 * count];
            equation = this::applyEquation;
            adjointEquation = this::applyAdjointEquation;
        }

        /** {@code out = x + a · (V x)}. */
        private void applyEquation(double[] x, double[] out) {
            potential.apply(x, out, false);
            double[] a = contrast;
            for (int k = 0; k < out.length; k += 2) {
                double vr = out[k];
                double vi = out[k + 1];
                out[k] = x[k] + a[k] * vr - a[k + 1] * vi;
                out[k + 1] = x[k + 1] + a[k] * vi + a[k + 1] * vr;
            }
        }

        /** {@code out = x + V*(conj(a) · x)}. */
        private void applyAdjointEquation(double[] x, double[] out) {
            double[] a = contrast;
            for (int k = 0; k < x.length; k += 2) {
                convolved[k] = a[k] * x[k] + a[k + 1] * x[k + 1];
                convolved[k + 1] = a[k] * x[k + 1] - a[k + 1] * x[k];
            }
            potential.apply(convolved, out, true);
            for (int k = 0; k < out.length; k++) {
                out[k] += x[k];
            }
        }

        /** {@code out[m, j] = Σ_s F[m, s] v[s]} for every far-field direction m. */
        void farfield(double[] v, double[] out, int j, int inc) {
            for (int m = 0; m < farfieldMatrix.length; m++) {
                double[] row = farfieldMatrix[m];
                double re = 0;
                double im = 0;
                for (int k = 0; k < row.length; k += 2) {
                    re += row[k] * v[k] - row[k + 1] * v[k + 1];
                    im += row[k] * v[k + 1] + row[k + 1] * v[k];
                }
                out[2 * (m * inc + j)] = re;
                out[2 * (m * inc + j) + 1] = im;
            }
        }

        /** {@code out[s] = Σ_m conj(F[m, s]) y[m, j]}. */
        void farfieldAdjoint(double[] y, int j, int inc, double[] out) {
            Arrays.fill(out, 0.0);
            for (int m = 0; m < farfieldMatrix.length; m++) {
                double[] row = farfieldMatrix[m];
                double yr = y[2 * (m * inc + j)];
                double yi = y[2 * (m * inc + j) + 1];
                for (int k = 0; k < row.length; k += 2) {
                    out[k] += row[k] * yr + row[k + 1] * yi;
                    out[k + 1] += row[k] * yi - row[k + 1] * yr;
                }
            }
        }
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** @return e.g. {@code MediumScattering[64x64, radius 1.0, k 1.0, 16 incident, 16 far-field directions]} */
    @Override
    public String toString() {
        return "MediumScattering[" + n + "x" + n + ", radius " + radius + ", k " + waveNumber + ", "
                + incidentDirections.length + " incident, " + farfieldDirections.length + " far-field directions]";
    }
}
