package io.github.regpy4j.parallel;

import java.util.List;
import java.util.function.Predicate;

/**
 * The JVM flags a local worker gets from its user: those given to {@link
 * WorkerOptions#withJvmArgs}, and those it inherits from {@code JAVA_TOOL_OPTIONS} and {@code
 * JDK_JAVA_OPTIONS}. The runtime's defaults ({@link DefaultHeap}, {@link DefaultCollector}) give
 * way to any of them.
 */
final class UserFlags {

    private UserFlags() {}

    /** @return {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS} of this process, each {@code null} when unset */
    static String[] environment() {
        return new String[] {System.getenv("JAVA_TOOL_OPTIONS"), System.getenv("JDK_JAVA_OPTIONS")};
    }

    /**
     * @param jvmArgs the user's worker flags
     * @param flag what to look for, in one flag
     * @param environmentOptions {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS}, which a
     *     worker inherits ({@code null} when unset); split at white space
     * @return whether any of the flags, from either source, is one {@code flag} accepts
     */
    static boolean any(List<String> jvmArgs, Predicate<String> flag, String... environmentOptions) {
        for (String a : jvmArgs) {
            if (flag.test(a.trim())) {
                return true;
            }
        }
        for (String env : environmentOptions) {
            if (env != null) {
                for (String a : env.trim().split("\\s+", -1)) {
                    if (flag.test(a)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
