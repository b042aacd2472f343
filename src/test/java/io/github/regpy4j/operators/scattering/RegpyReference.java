package io.github.regpy4j.operators.scattering;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference values of {@code src/test/resources/scattering/regpy-reference.txt}, made by
 * {@code scripts/scattering-reference.py}: one array per line, its name then its entries (complex
 * ones as re, im pairs, which is this library's interleaved layout).
 */
final class RegpyReference {

    static final String RESOURCE = "/scattering/regpy-reference.txt";

    private final Map<String, double[]> arrays = new HashMap<>();

    private RegpyReference() {}

    static RegpyReference load() {
        RegpyReference ref = new RegpyReference();
        try (InputStream in = RegpyReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                double[] values = new double[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    values[i - 1] = Double.parseDouble(parts[i]);
                }
                ref.arrays.put(parts[0], values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ref;
    }

    double[] array(String name) {
        double[] a = arrays.get(name);
        if (a == null) {
            throw new IllegalStateException(RESOURCE + " has no array " + name + "; it has " + arrays.keySet());
        }
        return a.clone();
    }

    double scalar(String name) {
        return array(name)[0];
    }

    /** An array of 2-vectors, e.g. the directions, as {@code double[count][2]}. */
    double[][] pairs(String name) {
        double[] a = array(name);
        double[][] out = new double[a.length / 2][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {a[2 * i], a[2 * i + 1]};
        }
        return out;
    }
}
