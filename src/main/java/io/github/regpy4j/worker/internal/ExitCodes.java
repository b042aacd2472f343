package io.github.regpy4j.worker.internal;

import io.github.regpy4j.worker.ExitCode;

/** Reads an {@link ExitCode} off the wire, where it travels as its ordinal. */
final class ExitCodes {

    private static final ExitCode[] VALUES = ExitCode.values();

    private ExitCodes() {}

    static ExitCode ofCode(int code) {
        if (code < 0 || code >= VALUES.length) {
            throw new ProtocolException("unknown exit code " + code + " in a reply");
        }
        return VALUES[code];
    }
}
