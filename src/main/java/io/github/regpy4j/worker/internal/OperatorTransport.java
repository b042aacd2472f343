package io.github.regpy4j.worker.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.github.regpy4j.operators.Identity;
import io.github.regpy4j.operators.Operator;
import io.github.regpy4j.vecsps.VectorSpace;
import java.io.FileDescriptor;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Constructor;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.objenesis.instantiator.ObjectInstantiator;
import org.objenesis.strategy.InstantiatorStrategy;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * How an operator travels to a worker: Kryo, configured for ordinary user classes (final fields,
 * no no-arg constructor, EJML matrices inside, shared and cyclic references), and refusing at
 * once what cannot travel (threads, streams, channels, sockets, class loaders, processes,
 * executors) with a message naming the field. Arrays of doubles travel in bulk and bit for bit
 * ({@link DoubleArrayOutput}, {@link DoubleArrayInput}): an operator's tables are most of its
 * bytes (the MRI example's 10 coils: 1.9 MB), which Kryo's own streams convert one double at a
 * time, and with every NaN made the canonical one.
 */
public final class OperatorTransport {

    static {
        KryoWithoutUnsafe.ensure();
    }

    /** Types that make no sense in another JVM: a copy would be a broken object. */
    private static final List<Class<?>> CANNOT_TRAVEL = List.of(Thread.class, ThreadGroup.class, InputStream.class,
            OutputStream.class, Reader.class, Writer.class, RandomAccessFile.class, FileDescriptor.class,
            Channel.class, Socket.class, ServerSocket.class, ClassLoader.class, Process.class, ProcessHandle.class,
            Executor.class, AutoCloseable.class);

    /** The parent's Kryo, one per thread; not a lambda: workers load this class at start, and never use it. */
    private static final ThreadLocal<Kryo> KRYO = new ThreadLocal<>() {
        @Override
        protected Kryo initialValue() {
            return newKryo();
        }
    };

    private OperatorTransport() {}

    /**
     * Serializes an operator and reads it back once, so that anything that cannot travel fails
     * here, in the parent, before any process starts.
     *
     * @param op the operator. Not modified.
     * @return its bytes
     * @throws IllegalArgumentException naming the class and the field that cannot travel
     */
    public static byte[] serialize(Operator op) {
        return travel(op, false).bytes();
    }

    /**
     * The operator as a worker receives it: serialized and read back in this JVM, with the checks
     * and messages of {@link #serialize(Operator)}. A copy that shares no mutable state with
     * {@code op}, for a share of the operators this JVM evaluates itself.
     *
     * @param op the operator. Not modified.
     * @return its copy
     * @throws IllegalArgumentException naming the class and the field that cannot travel
     */
    public static Operator copyOf(Operator op) {
        return travel(op, true).copy();
    }

    @SuppressWarnings("ArrayRecordComponent") // one operator's bytes, handed on once; never compared
    private record Travelled(byte[] bytes, Operator copy) {}

    private static Travelled travel(Operator op, boolean keepCopy) {
        Kryo kryo = KRYO.get();
        ClassLoader previous = kryo.getClassLoader();
        try (Output out = new DoubleArrayOutput(4096, -1)) {
            kryo.writeClassAndObject(out, op);
            byte[] bytes = out.toBytes();
            kryo.setClassLoader(loaderOf(op));
            Object copy;
            try (Input in = new DoubleArrayInput(bytes)) {
                copy = kryo.readClassAndObject(in);
            }
            return new Travelled(bytes, keepCopy ? (Operator) copy : null);
        } catch (KryoException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(op.getClass().getName() + " cannot travel to a worker: "
                    + e.getMessage() + (e.getCause() != null && e.getCause() != e ? " (" + e.getCause() + ")" : "")
                    + "; an operator that holds what cannot be copied can be built in the worker by a "
                    + "FactoryOperator instead", e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new IllegalArgumentException(op.getClass().getName() + " cannot travel to a worker: " + e, e);
        } finally {
            kryo.setClassLoader(previous);
            kryo.reset();
        }
    }

    /**
     * @param bytes what {@link #serialize(Operator)} gave. Not modified.
     * @param loader where to find the operator's classes
     * @return the operator
     * @throws IllegalArgumentException if the bytes are not an operator or a class is missing
     */
    public static synchronized Operator deserialize(byte[] bytes, ClassLoader loader) {
        // One Kryo for every operator a worker serves in turn; its class resolver forgets the last
        // operator's classes first, or it would pin that operator's loader and hand its classes on.
        if (workerKryo == null) {
            workerResolver = new ForgetfulClassResolver();
            workerKryo = newKryo(workerResolver);
        }
        workerResolver.forgetClassesByName();
        Kryo kryo = workerKryo;
        kryo.setClassLoader(loader);
        try (Input in = new DoubleArrayInput(bytes)) {
            Object o = kryo.readClassAndObject(in);
            if (!(o instanceof Operator op)) {
                throw new IllegalArgumentException("expected an Operator but the bytes hold "
                        + (o == null ? "null" : o.getClass().getName()));
            }
            return op;
        } catch (KryoException e) {
            throw new IllegalArgumentException("cannot rebuild the operator in the worker: " + e.getMessage(), e);
        } finally {
            kryo.reset();
            kryo.setClassLoader(OperatorTransport.class.getClassLoader());
        }
    }

    /**
     * Serializes and reads back a small operator of the library's on the calling thread, so that
     * the classes serializing an operator needs (Kryo's, its field serializers') are loaded and
     * initialized in this JVM before its first parallel operator: about 0.1 s of a cold JVM's
     * first serialization. For a thread that has time while the program builds its operators.
     */
    public static void warmUpSerializer() {
        travel(new Identity(VectorSpace.real(2)), false);
    }

    /**
     * Builds the worker's Kryo and rebuilds one small object graph of the library's with it, so
     * that the classes rebuilding an operator needs (Kryo's, its field serializers', the
     * library's spaces) are loaded and initialized before the first operator arrives. For a worker
     * that waits idle for its first operator, as a prestarted one does: its first {@link
     * #deserialize} then waits for this if it is still under way, and never repeats it.
     */
    public static synchronized void warmUp() {
        if (workerKryo != null) {
            return;
        }
        ForgetfulClassResolver resolver = new ForgetfulClassResolver();
        Kryo kryo = newKryo(resolver);
        Object sample = new Object[] {new Identity(VectorSpace.real(2)), new double[] {1, 2}, new ArrayList<>(List.of(1.0))};
        try (Output out = new DoubleArrayOutput(256, -1)) {
            kryo.writeClassAndObject(out, sample);
            try (Input in = new DoubleArrayInput(out.toBytes())) {
                kryo.readClassAndObject(in);
            }
        } finally {
            kryo.reset();
        }
        // Kept only once it worked: a failure here leaves the first deserialize to build its own.
        workerResolver = resolver;
        workerKryo = kryo;
    }

    private static ClassLoader loaderOf(Operator op) {
        ClassLoader l = op.getClass().getClassLoader();
        return l != null ? l : ClassLoader.getSystemClassLoader();
    }

    /** The worker's Kryo and its resolver, made on first use; guarded by the class lock. */
    private static Kryo workerKryo;
    private static ForgetfulClassResolver workerResolver;

    private static Kryo newKryo() {
        return newKryo(new com.esotericsoftware.kryo.util.DefaultClassResolver());
    }

    private static Kryo newKryo(com.esotericsoftware.kryo.ClassResolver resolver) {
        Kryo kryo = new Kryo(resolver, new com.esotericsoftware.kryo.util.MapReferenceResolver());
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new ConstructorOrObjenesis());
        JdkCollectionSerializers.register(kryo);
        for (Class<?> c : CANNOT_TRAVEL) {
            kryo.addDefaultSerializer(c, new Refusing(c));
        }
        return kryo;
    }

    /**
     * Kryo's own choice, {@code DefaultInstantiatorStrategy} with Objenesis as fallback, made
     * without its detour: for a class with no no-arg constructor (most operators) Kryo asks for
     * one twice and falls back on the {@code NoSuchMethodException}s, whose messages the JDK
     * builds with streams and lambdas, linked at every worker's start (profiled). Here the
     * constructors are looked at first; the instance comes from the same place as before.
     */
    private static final class ConstructorOrObjenesis implements InstantiatorStrategy {
        private final InstantiatorStrategy kryoDefault = new DefaultInstantiatorStrategy(new StdInstantiatorStrategy());
        private final InstantiatorStrategy objenesis = new StdInstantiatorStrategy();

        @Override
        public <T> ObjectInstantiator<T> newInstantiatorOf(Class<T> type) {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.getParameterCount() == 0) {
                    return kryoDefault.newInstantiatorOf(type);
                }
            }
            return objenesis.newInstantiatorOf(type);
        }
    }

    /** Fails with the type, so Kryo's serialization trace adds the field and the class holding it. */
    private static final class Refusing extends Serializer<Object> {
        private final Class<?> kind;

        Refusing(Class<?> kind) {
            this.kind = kind;
        }

        @Override
        public void write(Kryo kryo, Output output, Object object) {
            throw new KryoException("a " + object.getClass().getName() + " (a " + kind.getSimpleName()
                    + ") cannot be copied to another JVM");
        }

        @Override
        public Object read(Kryo kryo, Input input, Class<?> type) {
            throw new KryoException("a " + type.getName() + " cannot be copied to another JVM");
        }
    }
}
