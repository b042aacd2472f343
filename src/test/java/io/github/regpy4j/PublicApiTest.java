package io.github.regpy4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.regpy4j.operators.Operator;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public API, listed: every public type of {@code io.github.regpy4j.**} outside {@code
 * .internal} packages, with its public and protected constructors, methods and fields, compared with
 * the committed {@code src/test/resources/public-api.txt}. A change of the surface fails here until
 * the list is regenerated, so every such change is a visible decision in review:
 *
 * <pre>./mvnw -o -q -B test -Dtest=PublicApiTest -Dregpy4j.updateApi=true</pre>
 *
 * <p>Read from the compiled classes (what the jar ships), with reflection. What the compiler adds
 * is left out alike everywhere: synthetic and bridge members, an enum's {@code values()} and
 * {@code valueOf(String)}, and a record's canonical constructor, accessors, {@code equals}, {@code
 * hashCode} and {@code toString} (its components are on its header line). Public members a public
 * class inherits from a package-private superclass are listed under the public class, where users
 * see them.
 */
class PublicApiTest {

    private static final String ROOT_PACKAGE = "io.github.regpy4j";
    private static final Path COMMITTED = Path.of("src", "test", "resources", "public-api.txt");
    private static final String UPDATE_PROPERTY = "regpy4j.updateApi";
    private static final String REGENERATE =
            "./mvnw -o -q -B test -Dtest=PublicApiTest -D" + UPDATE_PROPERTY + "=true";

    @Test
    @Timeout(60)
    void theListedSurfaceIsTheCompiledOne() throws IOException {
        String actual = render(exportedTypes());
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(COMMITTED, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.isRegularFile(COMMITTED)) {
            fail("no committed API list at " + COMMITTED.toAbsolutePath() + "; create it with\n  " + REGENERATE);
        }
        String expected = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail("the public API differs from " + COMMITTED + " (- listed there only, + compiled only):\n"
                    + diff(expected, actual)
                    + "If the change is meant, regenerate the list and commit it with the change:\n  " + REGENERATE);
        }
    }

    @Test
    @Timeout(60)
    void noExportedSignatureNamesAnInternalOrKryoType() throws IOException {
        String listing = render(exportedTypes());
        List<String> leaks = listing.lines()
                .filter(l -> l.contains(".internal.") || l.contains("com.esotericsoftware"))
                .collect(Collectors.toList());
        assertThat(leaks).as("public signatures that name internal or Kryo types").isEmpty();
    }

    @Test
    @Timeout(60)
    void theContractNamesAreExported() throws IOException {
        String listing = render(exportedTypes());
        assertThat(listing).as("DESIGN.md's contract names in the listing")
                .contains("public final class io.github.regpy4j.worker.OperatorWorker\n"
                        + "  public static void main(java.lang.String[])\n")
                .contains("public enum io.github.regpy4j.worker.ExitCode\n")
                .contains("public abstract sealed class io.github.regpy4j.parallel.WorkerLauncher\n")
                .doesNotContain("class io.github.regpy4j.worker.internal.");
    }

    // ---- which types

    private static List<Class<?>> exportedTypes() throws IOException {
        Path classes = classesDirectory();
        Path root = classes.resolve(ROOT_PACKAGE.replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().collect(Collectors.toList())) {
                String relative = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                if (name.endsWith("package-info") || name.endsWith("module-info")) {
                    continue;
                }
                Class<?> c = load(name);
                if (isExported(c)) {
                    types.add(c);
                }
            }
        }
        assertThat(types).as("exported types found under %s", root).isNotEmpty();
        return types;
    }

    private static Path classesDirectory() {
        try {
            Path p = Path.of(Operator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertThat(p).as("the main classes should be a directory (target/classes)").isDirectory();
            return p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the compiled main classes: " + e, e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("found " + name + ".class under target/classes but cannot load it", e);
        }
    }

    /** Public (or protected in an exported class), not synthetic, anonymous or local, not internal. */
    private static boolean isExported(Class<?> c) {
        if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass()
                || c.getPackageName().contains(".internal")) {
            return false;
        }
        Class<?> outer = c.getDeclaringClass();
        if (outer == null) {
            return Modifier.isPublic(c.getModifiers());
        }
        boolean visible = Modifier.isPublic(c.getModifiers())
                || (Modifier.isProtected(c.getModifiers()) && !Modifier.isFinal(outer.getModifiers()));
        return visible && isExported(outer);
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    // ---- rendering

    private static String render(List<Class<?>> types) {
        Map<String, Class<?>> byName = new TreeMap<>();
        types.forEach(c -> byName.put(c.getName(), c));
        StringBuilder out = new StringBuilder();
        for (Class<?> c : byName.values()) {
            out.append(header(c)).append('\n');
            members(c).forEach(m -> out.append("  ").append(m).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    private static String header(Class<?> c) {
        int mods = c.getModifiers();
        List<String> words = new ArrayList<>();
        words.add(Modifier.isPublic(mods) ? "public" : "protected");
        String kind;
        if (c.isAnnotation()) {
            kind = "@interface";
        } else if (c.isInterface()) {
            kind = "interface";
        } else if (c.isEnum()) {
            kind = "enum";
        } else if (c.isRecord()) {
            kind = "record";
        } else {
            kind = "class";
        }
        boolean implicitModifiers = !kind.equals("class"); // static, final, abstract as the kind implies
        if (!implicitModifiers) {
            if (Modifier.isStatic(mods) && c.getDeclaringClass() != null) {
                words.add("static");
            }
            if (Modifier.isAbstract(mods)) {
                words.add("abstract");
            }
            if (Modifier.isFinal(mods)) {
                words.add("final");
            }
        }
        if (c.isSealed()) {
            words.add("sealed");
        } else if (!Modifier.isFinal(mods) && hasSealedParent(c)) {
            words.add("non-sealed");
        }
        words.add(kind);
        StringBuilder h = new StringBuilder(String.join(" ", words)).append(' ').append(c.getName());
        h.append(typeParameters(c.getTypeParameters()));
        if (c.isRecord()) {
            h.append(Arrays.stream(c.getRecordComponents())
                    .map(rc -> rc.getGenericType().getTypeName() + " " + rc.getName())
                    .collect(Collectors.joining(", ", "(", ")")));
        }
        Type superclass = visibleSuperclass(c);
        if (superclass != null) {
            h.append(" extends ").append(superclass.getTypeName());
        }
        Set<String> interfaces = new TreeSet<>();
        for (Class<?> k = c; k != null && (k == c || !Modifier.isPublic(k.getModifiers())); k = k.getSuperclass()) {
            for (Type t : k.getGenericInterfaces()) {
                if (Modifier.isPublic(raw(t).getModifiers())) {
                    interfaces.add(t.getTypeName());
                }
            }
        }
        if (!interfaces.isEmpty()) {
            h.append(c.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        if (c.isSealed()) {
            String permits = Arrays.stream(c.getPermittedSubclasses()).filter(PublicApiTest::isExported)
                    .map(Class::getName).sorted().collect(Collectors.joining(", "));
            if (!permits.isEmpty()) {
                h.append("\n  permits ").append(permits);
            }
        }
        return h.toString();
    }

    private static boolean hasSealedParent(Class<?> c) {
        if (c.getSuperclass() != null && c.getSuperclass().isSealed()) {
            return true;
        }
        return Arrays.stream(c.getInterfaces()).anyMatch(Class::isSealed);
    }

    /** The nearest public superclass; {@code null} for Object, Enum, Record and interfaces. */
    private static Type visibleSuperclass(Class<?> c) {
        if (c.isInterface() || c.isEnum() || c.isRecord()) {
            return null;
        }
        Type t = c.getGenericSuperclass();
        while (t != null && !Modifier.isPublic(raw(t).getModifiers())) {
            t = raw(t).getGenericSuperclass();
        }
        return t == null || t == Object.class ? null : t;
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> k) {
            return k;
        }
        if (t instanceof java.lang.reflect.ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unexpected supertype " + t);
    }

    private static Set<String> members(Class<?> c) {
        Set<String> out = new TreeSet<>();
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (isVisible(k.getModifiers()) && !k.isSynthetic() && !isImplicit(c, k)) {
                out.add(modifiers(k.getModifiers()) + typeParameters(k.getTypeParameters())
                        + c.getSimpleName() + parameters(k) + exceptions(k));
            }
        }
        Set<String> seen = new HashSet<>();
        for (Class<?> k = c; k != null && (k == c || !Modifier.isPublic(k.getModifiers())); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (isVisible(f.getModifiers()) && !f.isSynthetic() && seen.add("field " + f.getName())) {
                    out.add(modifiers(f.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
                            | Modifier.FINAL)) + f.getGenericType().getTypeName() + " " + f.getName());
                }
            }
            for (Method m : k.getDeclaredMethods()) {
                if (isVisible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && !isImplicit(k, m)
                        && seen.add(m.getName() + Arrays.toString(m.getParameterTypes()))) {
                    out.add(method(m));
                }
            }
        }
        return out;
    }

    private static String method(Method m) {
        int mods = m.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
                | Modifier.ABSTRACT);
        String prefix = modifiers(mods) + (m.isDefault() ? "default " : "");
        String typeParams = typeParameters(m.getTypeParameters());
        return prefix + (typeParams.isEmpty() ? "" : typeParams.substring(1) + " ")
                + m.getGenericReturnType().getTypeName() + " " + m.getName() + parameters(m) + exceptions(m);
    }

    /** Members the compiler writes for every enum and record, listed for none. */
    private static boolean isImplicit(Class<?> owner, Executable e) {
        if (owner.isEnum() && e instanceof Method m && Modifier.isStatic(m.getModifiers())) {
            return (m.getName().equals("values") && m.getParameterCount() == 0)
                    || (m.getName().equals("valueOf") && Arrays.equals(m.getParameterTypes(), new Class<?>[] {String.class}));
        }
        if (!owner.isRecord()) {
            return false;
        }
        RecordComponent[] components = owner.getRecordComponents();
        if (e instanceof Constructor<?> k) {
            return Arrays.equals(k.getParameterTypes(),
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        }
        Method m = (Method) e;
        if (Modifier.isStatic(m.getModifiers())) {
            return false;
        }
        if (m.getParameterCount() == 0) {
            return m.getName().equals("hashCode") || m.getName().equals("toString")
                    || Arrays.stream(components).anyMatch(rc -> rc.getName().equals(m.getName()));
        }
        return m.getName().equals("equals") && Arrays.equals(m.getParameterTypes(), new Class<?>[] {Object.class});
    }

    private static String modifiers(int mods) {
        String s = Modifier.toString(mods);
        return s.isEmpty() ? "" : s + " ";
    }

    private static String typeParameters(TypeVariable<?>[] vars) {
        if (vars.length == 0) {
            return "";
        }
        return Arrays.stream(vars).map(v -> {
            List<String> bounds = Arrays.stream(v.getBounds()).filter(b -> b != Object.class)
                    .map(Type::getTypeName).collect(Collectors.toList());
            return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + String.join(" & ", bounds);
        }).collect(Collectors.joining(", ", " <", ">"));
    }

    private static String parameters(Executable e) {
        Type[] types = e.getGenericParameterTypes();
        if (types.length != e.getParameterCount()) {
            // inner-class constructors and enum constructors may omit synthetic leading parameters
            types = e.getParameterTypes();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            String name = types[i].getTypeName();
            if (e.isVarArgs() && i == types.length - 1 && name.endsWith("[]")) {
                name = name.substring(0, name.length() - 2) + "...";
            }
            names.add(name);
        }
        return "(" + String.join(", ", names) + ")";
    }

    private static String exceptions(Executable e) {
        Type[] thrown = e.getGenericExceptionTypes();
        if (thrown.length == 0) {
            return "";
        }
        return Arrays.stream(thrown).map(Type::getTypeName).sorted().collect(Collectors.joining(", ", " throws ", ""));
    }

    // ---- the difference, by type

    /** Lines only in one of the two listings, under the header of the type they belong to. */
    private static String diff(String expected, String actual) {
        Map<String, Set<String>> before = parse(expected);
        Map<String, Set<String>> after = parse(actual);
        Set<String> headers = new TreeSet<>(before.keySet());
        headers.addAll(after.keySet());
        StringBuilder out = new StringBuilder();
        for (String h : headers) {
            Set<String> was = before.get(h);
            Set<String> now = after.get(h);
            if (was == null || now == null) {
                out.append(was == null ? "+ " : "- ").append(h).append('\n');
                continue;
            }
            List<String> lines = new ArrayList<>();
            was.stream().filter(m -> !now.contains(m)).forEach(m -> lines.add("-   " + m));
            now.stream().filter(m -> !was.contains(m)).forEach(m -> lines.add("+   " + m));
            if (!lines.isEmpty()) {
                out.append("  ").append(h).append('\n');
                lines.forEach(l -> out.append(l).append('\n'));
            }
        }
        return out.toString();
    }

    private static Map<String, Set<String>> parse(String listing) {
        Map<String, Set<String>> types = new LinkedHashMap<>();
        String header = null;
        for (String line : listing.split("\n", -1)) {
            if (line.isEmpty()) {
                header = null;
            } else if (header == null) {
                header = line;
                types.put(header, new LinkedHashSet<>());
            } else if (line.startsWith("  permits ")) {
                types.put(header + " " + line.strip(), types.remove(header));
                header = header + " " + line.strip();
            } else {
                types.get(header).add(line.strip());
            }
        }
        return types;
    }
}
