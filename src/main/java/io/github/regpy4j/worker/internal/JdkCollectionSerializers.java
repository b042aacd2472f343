package io.github.regpy4j.worker.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kryo serializers for the JDK's read-only collections ({@code Collections.unmodifiable…}, {@code
 * List.of}, {@code Arrays.asList}), which Kryo's collection serializer cannot rebuild: it creates
 * an empty instance and adds to it. User operators hold such collections all the time. Each is
 * written as its elements and rebuilt as a read-only collection of the same kind.
 */
final class JdkCollectionSerializers {

    private JdkCollectionSerializers() {}

    /**
     * How a collection is rebuilt. Constants rather than lambdas: this runs at every worker's
     * start, where each lambda's first link costs a generated class (profiled).
     */
    private enum Rebuild {
        UNMODIFIABLE_LIST, UNMODIFIABLE_COLLECTION, UNMODIFIABLE_SET, ARRAYS_AS_LIST, LIST_OF, SET_OF,
        UNMODIFIABLE_MAP, MAP_OF;

        Collection<Object> collection(List<Object> a) {
            return switch (this) {
                case UNMODIFIABLE_LIST -> Collections.unmodifiableList(new ArrayList<>(a));
                case UNMODIFIABLE_COLLECTION -> Collections.unmodifiableCollection(new ArrayList<>(a));
                case UNMODIFIABLE_SET -> Collections.unmodifiableSet(new LinkedHashSet<>(a));
                case ARRAYS_AS_LIST -> Arrays.asList(a.toArray());
                case LIST_OF -> List.copyOf(a);
                case SET_OF -> Set.copyOf(a);
                case UNMODIFIABLE_MAP, MAP_OF -> throw new IllegalStateException(this + " rebuilds a map");
            };
        }

        Map<Object, Object> map(Map<Object, Object> c) {
            return switch (this) {
                case UNMODIFIABLE_MAP -> Collections.unmodifiableMap(new LinkedHashMap<>(c));
                case MAP_OF -> Map.copyOf(c);
                default -> throw new IllegalStateException(this + " rebuilds a collection");
            };
        }
    }

    static void register(Kryo kryo) {
        List<Object> sample = new ArrayList<>(List.of(1, 2, 3));
        @SuppressWarnings("JdkObsolete") // only its class matters: unmodifiableList of a list without RandomAccess
        List<Object> sequential = new LinkedList<>(sample);
        for (List<Object> l : List.of(sample, sequential)) {
            kryo.addDefaultSerializer(Collections.unmodifiableList(l).getClass(), new Elements(Rebuild.UNMODIFIABLE_LIST));
        }
        kryo.addDefaultSerializer(Collections.unmodifiableCollection(sample).getClass(),
                new Elements(Rebuild.UNMODIFIABLE_COLLECTION));
        kryo.addDefaultSerializer(Collections.unmodifiableSet(new LinkedHashSet<>(sample)).getClass(),
                new Elements(Rebuild.UNMODIFIABLE_SET));
        kryo.addDefaultSerializer(Arrays.asList(1, 2).getClass(), new Elements(Rebuild.ARRAYS_AS_LIST));
        for (List<Object> l : List.<List<Object>>of(List.of(), List.of(1), List.of(1, 2, 3))) {
            kryo.addDefaultSerializer(l.getClass(), new Elements(Rebuild.LIST_OF));
        }
        for (Set<Object> s : List.<Set<Object>>of(Set.of(), Set.of(1), Set.of(1, 2, 3))) {
            kryo.addDefaultSerializer(s.getClass(), new Elements(Rebuild.SET_OF));
        }
        Map<Object, Object> m = new LinkedHashMap<>(Map.of(1, 2));
        kryo.addDefaultSerializer(Collections.unmodifiableMap(m).getClass(), new Entries(Rebuild.UNMODIFIABLE_MAP));
        for (Map<Object, Object> im : List.<Map<Object, Object>>of(Map.of(), Map.of(1, 2), Map.of(1, 2, 3, 4))) {
            kryo.addDefaultSerializer(im.getClass(), new Entries(Rebuild.MAP_OF));
        }
    }

    /** Writes the elements; rebuilds with {@code rebuild}. */
    private static final class Elements extends Serializer<Collection<Object>> {
        private final Rebuild rebuild;

        Elements(Rebuild rebuild) {
            super(false, true);
            this.rebuild = rebuild;
        }

        @Override
        public void write(Kryo kryo, Output output, Collection<Object> c) {
            output.writeVarInt(c.size(), true);
            for (Object o : c) {
                kryo.writeClassAndObject(output, o);
            }
        }

        @Override
        public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
            int n = input.readVarInt(true);
            List<Object> elements = new ArrayList<>(Math.min(n, 1 << 16));
            for (int i = 0; i < n; i++) {
                elements.add(kryo.readClassAndObject(input));
            }
            return rebuild.collection(elements);
        }
    }

    /** Writes the entries in order; rebuilds with {@code rebuild}. */
    private static final class Entries extends Serializer<Map<Object, Object>> {
        private final Rebuild rebuild;

        Entries(Rebuild rebuild) {
            super(false, true);
            this.rebuild = rebuild;
        }

        @Override
        public void write(Kryo kryo, Output output, Map<Object, Object> map) {
            output.writeVarInt(map.size(), true);
            for (Map.Entry<Object, Object> e : map.entrySet()) {
                kryo.writeClassAndObject(output, e.getKey());
                kryo.writeClassAndObject(output, e.getValue());
            }
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            int n = input.readVarInt(true);
            Map<Object, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                entries.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
            }
            return rebuild.map(entries);
        }
    }
}
