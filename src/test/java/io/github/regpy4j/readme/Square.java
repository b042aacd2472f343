package io.github.regpy4j.readme;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;
import io.github.regpy4j.vecsps.Vectors;

// The operator example of docs/README.md, verbatim between the markers (see ReadmeSnippets).
// README:begin
/** F(x) = x ⊙ x on a real space: F'(x)h = 2x ⊙ h, a real diagonal, so its own adjoint. */
final class Square extends Operator {

    private double[] twiceX;   // from the last evaluate(x, true): all the derivative needs

    Square(VectorSpace space) {
        super(space, space, false);
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        if (differentiate) {
            twiceX = Vectors.scale(2, x);   // a copy: x itself must not be kept
        }
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = x[k] * x[k];
        }
        return y;
    }

    @Override
    protected double[] applyDerivative(double[] h) {
        double[] out = new double[h.length];
        for (int k = 0; k < h.length; k++) {
            out[k] = twiceX[k] * h[k];
        }
        return out;
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return applyDerivative(y);
    }
}
// README:end
