package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.regpy4j.testing.StaticCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which classes an operator gets afresh: its own, not the runtime's (regpy4j's library packages
 * and their dependencies), whose types the runtime's classes share with it.
 */
@Timeout(10)
class OperatorClassLoaderTest {

    @Test
    void theRuntimeAndTheJdkAreShared() {
        for (String c : new String[] {"io.github.regpy4j.operators.Identity", "io.github.regpy4j.operators.mri.CoilMultiplication",
            "io.github.regpy4j.vecsps.VectorSpace", "io.github.regpy4j.worker.internal.WorkerLoop", "com.esotericsoftware.kryo.Kryo",
            "org.objenesis.Objenesis", "org.ejml.data.DMatrixRMaj", "org.slf4j.Logger", "org.jtransforms.fft.DoubleFFT_1D",
            "java.lang.String", "javax.net.SocketFactory"}) {
            assertThat(OperatorClassLoader.isOperatorsOwn(c)).as(c).isEqualTo(c.startsWith("javax."));
        }
    }

    @Test
    void userClassesAndTestFixturesAreTheOperatorsOwn() {
        for (String c : new String[] {"io.github.regpy4j.testing.StaticCounter", "io.github.regpy4j.examples.mri.ParallelMriExample",
            "io.github.regpy4j.benchmarks.BenchOperators", "com.example.MyOperator", "MyOperatorInTheDefaultPackage",
            "io.github.regpy4j.operatorsOfMine.X"}) {
            assertThat(OperatorClassLoader.isOperatorsOwn(c)).as(c).isTrue();
        }
    }

    @Test
    void anOwnClassIsDefinedAfreshAndARuntimeClassIsNot() throws Exception {
        Class<?> own = OperatorClassLoader.create().loadClass(StaticCounter.class.getName());
        assertThat(own).isNotSameAs(StaticCounter.class);
        assertThat(own.getClassLoader()).isInstanceOf(OperatorClassLoader.class);
        assertThat(own.getSuperclass()).as("its supertype is the runtime's own").isSameAs(StaticCounter.class.getSuperclass());
        assertThat(OperatorClassLoader.create().loadClass(WorkerLoop.class.getName())).isSameAs(WorkerLoop.class);
        Class<?> jdkNonJava = OperatorClassLoader.create().loadClass("javax.net.SocketFactory");
        assertThat(jdkNonJava).as("a JDK class outside java.* still comes from the JDK").isSameAs(javax.net.SocketFactory.class);
    }
}
