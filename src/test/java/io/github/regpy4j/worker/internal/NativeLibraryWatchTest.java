package io.github.regpy4j.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which mapped files count as an operator's native code, from the text of a {@code /proc/<pid>/maps}. */
class NativeLibraryWatchTest {

    @Test
    void onlyLibrariesBeyondTheJdksAndTheCLibrarysOwnCount() {
        String javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize().toString();
        String maps = String.join("\n",
                "7f1c0000-7f1c1000 r-xp 00000000 08:01 1234   /opt/solver/libfem.so.3",
                "7f1c1000-7f1c2000 r--p 00001000 08:01 1234   /opt/solver/libfem.so.3",
                "7f1d0000-7f1d1000 r-xp 00000000 08:01 99     " + javaHome + "/lib/libnio.so",
                "7f1e0000-7f1e1000 r-xp 00000000 08:01 77     /usr/lib/x86_64-linux-gnu/libnss_files.so.2",
                "7f1e2000-7f1e3000 r-xp 00000000 08:01 78     /usr/lib/x86_64-linux-gnu/libgcc_s.so.1",
                "7f1f0000-7f1f1000 rw-s 00000000 00:19 55     /dev/shm/regpy4j-1-2-abc (deleted)",
                "7f200000-7f201000 r-xp 00000000 08:01 80     /tmp/build/libtwice.so (deleted)",
                "7ffd0000-7ffd1000 rw-p 00000000 00:00 0      [stack]",
                "7ffe0000-7ffe1000 r--p 00000000 00:00 0");
        assertThat(NativeLibraryWatch.librariesIn(maps)).containsExactly("/opt/solver/libfem.so.3", "/tmp/build/libtwice.so");
    }

    @Test
    void aFreshWatchSeesNothingNew() {
        assertThat(NativeLibraryWatch.start().loadedSinceLastLook()).isEmpty();
    }
}
