package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.regpy4j.testing.Processes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workers' archive cache is used only where nobody but this user can have written it, its
 * jars are checked against their sources by SHA-256, and it keeps only the newest few archives.
 */
@Timeout(180)
class ClassDataArchiveTrustTest {

    @AfterEach
    void nothingLeftRunning() {
        Processes.assertNoDescendants();
    }

    @Test
    void aCacheOthersMayWriteIsRefused(@TempDir Path tmp) throws IOException {
        for (String mode : List.of("rwxrwx---", "rwx---rwx", "rwxrwxrwx")) {
            Path cache = Files.createDirectory(tmp.resolve("cache-" + mode));
            Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString(mode));
            assertThatThrownBy(() -> PrivateCacheDirectory.createOrCheck(cache)).as("mode %s", mode)
                    .isInstanceOf(PrivateCacheDirectory.UntrustedException.class)
                    .hasMessageContaining(mode).hasMessageContaining("others than its owner may write");
            assertThat(ClassDataArchive.prepare(cache)).as("archive in a cache of mode %s", mode).isNull();
            try (Stream<Path> left = Files.list(cache)) {
                assertThat(left).as("nothing made in a cache of mode %s", mode).isEmpty();
            }
        }
    }

    @Test
    void aSymbolicLinkIsRefusedAsACache(@TempDir Path tmp) throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThatThrownBy(() -> PrivateCacheDirectory.createOrCheck(link))
                .isInstanceOf(PrivateCacheDirectory.UntrustedException.class).hasMessageContaining("symbolic link");
        assertThat(ClassDataArchive.prepare(link)).isNull();
    }

    @Test
    void aCacheOwnedBySomeoneElseIsRefused(@TempDir Path tmp) throws IOException {
        assumeTrue(PrivateCacheDirectory.currentUid() == 0, "only root can give a directory to another user");
        Path cache = Files.createDirectory(tmp.resolve("planted"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        UserPrincipal nobody = cache.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(cache, nobody);
        assertThatThrownBy(() -> PrivateCacheDirectory.createOrCheck(cache))
                .isInstanceOf(PrivateCacheDirectory.UntrustedException.class).hasMessageContaining("owned by nobody");
        assertThat(ClassDataArchive.prepare(cache)).isNull();
    }

    /** A JVM refuses to start with {@code -XX:AOTCache} beside any flag of its own about sharing. */
    @Test
    void theUsersOwnSharingFlagsTakePrecedenceOverTheAotCache() {
        for (String flag : List.of("-Xshare:off", "-Xshare:on", "-XX:SharedArchiveFile=/x.jsa", "-XX:AOTCache=/x.aot",
                "-XX:AOTCacheOutput=/x.aot", "-XX:AOTConfiguration=/x.conf", "-XX:ArchiveClassesAtExit=/x.jsa")) {
            assertThat(WorkerCommandLine.choosesSharing(List.of("-Xmx1g", flag))).as(flag).isTrue();
        }
        assertThat(WorkerCommandLine.choosesSharing(List.of("-Xmx1g", "-XX:AOTMode=on", "-XX:+UseG1GC")))
                .as("flags that leave the choice of archive to the runtime").isFalse();
    }

    @Test
    void aMissingCacheIsMadeOwnerOnly(@TempDir Path tmp) throws IOException {
        Path cache = tmp.resolve("a").resolve("b");
        PrivateCacheDirectory.createOrCheck(cache);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.getParent())))
                .isEqualTo("rwx------");
    }

    /**
     * One archive recorded in a fresh private cache: its jars verify; a jar changed behind its
     * back is noticed and made again; five older archives are pruned to {@link ClassDataArchive#KEEP}.
     */
    @Test
    void jarsAreVerifiedAndOnlyTheNewestArchivesAreKept(@TempDir Path tmp) throws IOException {
        Path cache = tmp.resolve("cache");
        PrivateCacheDirectory.createOrCheck(cache);
        for (int i = 0; i < 5; i++) {
            Path old = Files.createDirectory(cache.resolve(String.format("v9-%024x", i)));
            Files.writeString(old.resolve("worker.jsa"), "old");
            Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        ClassDataArchive.Archive archive = ClassDataArchive.prepare(cache);
        assertThat(archive).as("an archive in a private cache").isNotNull();
        assertThat(archive.kind()).isEqualTo(ClassDataArchive.Kind.forJdk(Runtime.version().feature()));
        assertThat(archive.file()).isRegularFile();
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList()).as("archives kept")
                    .hasSize(ClassDataArchive.KEEP).contains(archive.file().getParent().getFileName().toString())
                    .contains(String.format("v9-%024x", 4), String.format("v9-%024x", 3));
        }
        Path made = archive.runtimeClasspath().stream().filter(p -> p.startsWith(cache)).findFirst()
                .orElseThrow(() -> new AssertionError("no jar made in the cache: the tests run from target/classes"));
        Path classes = Path.of(io.github.regpy4j.worker.OperatorWorker.class.getProtectionDomain().getCodeSource()
                .getLocation().getPath());
        ClassDataArchive.verifyJarHolds(made, classes);

        // Someone with this user's rights swaps the jar for one with a changed class.
        try (OutputStream out = Files.newOutputStream(made); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("io/github/regpy4j/worker/OperatorWorker.class"));
            j.write(new byte[] {(byte) 0xca, (byte) 0xfe});
            j.closeEntry();
        }
        assertThatThrownBy(() -> ClassDataArchive.verifyJarHolds(made, classes))
                .isInstanceOf(ClassDataArchive.CachedJarMismatch.class).hasMessageContaining("OperatorWorker.class");
        ClassDataArchive.Archive again = ClassDataArchive.prepare(cache);
        assertThat(again).as("the archive made again").isNotNull();
        ClassDataArchive.verifyJarHolds(made, classes);
        assertThat(again.file()).isRegularFile();
    }
}
