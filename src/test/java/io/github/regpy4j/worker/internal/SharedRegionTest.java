package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A region is private and fully reserved when created; a worker maps only such a file. */
class SharedRegionTest {

    private static String name() {
        return "regpy4j-" + ProcessHandle.current().pid() + "-test-" + UUID.randomUUID();
    }

    @Test
    void aNewRegionIsOwnerOnlyAndItsMemoryIsTakenNotSparse() throws IOException {
        long bytes = 3 * 4096 + 8;
        SharedRegion r = SharedRegion.create(name(), bytes);
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(r.path()))).isEqualTo("rw-------");
            assertThat(allocatedBytes(r.path())).as("bytes allocated for a region of " + bytes).isGreaterThanOrEqualTo(bytes);
            r.write(new double[] {1, -0.0, Double.longBitsToDouble(0xfff8dead0000beefL)});
            SharedRegion other = SharedRegion.open(r.path());
            try {
                double[] v = other.read(3);
                assertThat(Double.doubleToRawLongBits(v[2])).isEqualTo(0xfff8dead0000beefL);
                assertThat(Double.doubleToRawLongBits(v[1])).isEqualTo(Double.doubleToRawLongBits(-0.0));
            } finally {
                other.close();
            }
        } finally {
            r.close();
        }
        assertThat(r.path()).doesNotExist();
    }

    /**
     * Adding a region into an array (the adjoint's sum) gives what a plain {@code into[k] += v[k]}
     * gives, bit for bit, for lengths around powers of two and starts inside the region and the
     * array, and touches nothing outside its range.
     */
    @Test
    void addIntoEqualsAPlainAddLoop() throws IOException {
        long seed = 20261206L;
        java.util.Random random = new java.util.Random(seed);
        int size = 3 * 2048 + 17;
        double[] v = new double[size];
        for (int k = 0; k < size; k++) {
            v[k] = random.nextGaussian();
        }
        SharedRegion r = SharedRegion.create(name(), 8L * size);
        try {
            r.write(v);
            for (int n : new int[] {0, 1, 2047, 2048, 2049, 4096, size - 5}) {
                int from = 5;
                int offset = 3;
                double[] into = new double[n + 7];
                for (int k = 0; k < into.length; k++) {
                    into[k] = random.nextGaussian();
                }
                double[] expected = into.clone();
                for (int k = 0; k < n; k++) {
                    expected[offset + k] += v[from + k];
                }
                r.addInto(from, into, offset, n);
                assertThat(into).as("%d doubles from 5 added at 3, seed %d", n, seed).isEqualTo(expected);
            }
        } finally {
            r.close();
        }
    }

    /** {@code stat}'s count of blocks actually allocated: a sparse file has fewer than its length. */
    private static long allocatedBytes(Path p) throws IOException {
        try {
            Process stat = new ProcessBuilder("stat", "--format=%b %B", p.toString()).start();
            String[] out = new String(stat.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim().split(" ");
            stat.waitFor();
            return Long.parseLong(out[0]) * Long.parseLong(out[1]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void aSparseFileIsWhatReservingAvoids() throws IOException {
        Path sparse = SharedRegion.DIRECTORY.resolve(name());
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(1 << 20);
            f.seek((1 << 20) - 1);
            f.write(1); // the last page only
            assertThat(allocatedBytes(sparse)).as("a 1 MiB file extended and its last byte written").isLessThan(1 << 20);
        } finally {
            Files.deleteIfExists(sparse);
        }
    }

    @Test
    void aWorkerRefusesAFileOthersCouldReadOrASymbolicLink() throws IOException {
        Path open = SharedRegion.DIRECTORY.resolve(name());
        Path link = SharedRegion.DIRECTORY.resolve(name());
        try {
            Files.write(open, new byte[4096]);
            Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
            assertThatThrownBy(() -> SharedRegion.open(open)).isInstanceOf(IOException.class).hasMessageContaining("0600")
                    .hasMessageContaining("rw-r--r--");
            Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-------"));
            Files.createSymbolicLink(link, open);
            assertThatThrownBy(() -> SharedRegion.open(link)).isInstanceOf(IOException.class);
            SharedRegion.open(open).close();
        } finally {
            Files.deleteIfExists(open);
            Files.deleteIfExists(link);
        }
    }
}
