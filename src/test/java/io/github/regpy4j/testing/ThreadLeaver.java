package io.github.regpy4j.testing;

import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;

/** Starts a thread that outlives its evaluation: an operator whose worker must not be reused. */
public final class ThreadLeaver extends Operator {

    public ThreadLeaver() {
        super(VectorSpace.real(1), VectorSpace.real(1), true);
    }

    @Override
    protected double[] evaluate(double[] x, boolean differentiate) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "left behind by ThreadLeaver");
        t.setDaemon(true);
        t.start();
        return x.clone();
    }

    @Override
    protected double[] applyAdjoint(double[] y) {
        return y.clone();
    }
}
