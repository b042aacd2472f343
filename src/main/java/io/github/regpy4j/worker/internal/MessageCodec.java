package io.github.regpy4j.worker.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import io.github.regpy4j.worker.ExitCode;
import java.util.List;

/**
 * Turns {@link Hello}, {@link Request} and {@link Reply} into frame payloads and back, with Kryo's
 * {@code Output}/{@code Input} as the byte-level codec (with doubles copied in bulk by {@link
 * DoubleArrayOutput} and {@link DoubleArrayInput}). Every fixed-width number is little-endian, so
 * parent and worker may run on machines of different byte order. One decoder per stream; not
 * thread-safe.
 *
 * <pre>
 *   payload  = kind:byte body
 *   Hello    = 'H' version:int pid:long javaVersion:string libraryVersion:string
 *   Request  = 'Q' command:byte sequence:long timeoutMillis:long ping:long replyInRegion:boolean
 *              regions:int (slot:int path:string)* vector operatorBytes
 *   Reply    = 'R' code:byte sequence:long ping:long vector error
 *   vector   = -1:int (none) | n:int n doubles (raw bits) | -2:int slot:int n:int (shared memory)
 *   operatorBytes = -1:int (none) | n:int n bytes
 *   error    = 0:byte (none) | 1:byte class:string message:string frames:int
 *                (class method file line)* error     (the cause)
 * </pre>
 */
public final class MessageCodec {

    private static final byte HELLO = 'H';
    private static final byte REQUEST = 'Q';
    private static final byte REPLY = 'R';
    private static final byte[] NOTHING = new byte[0];

    static {
        KryoWithoutUnsafe.ensure();
    }

    private final DoubleArrayInput input = new DoubleArrayInput();
    /** The reader whose frame is being decoded: it may hold the message's vector, lifted out. */
    private FrameReader frame;
    /** Separate from {@link #input}: finding a vector's start must not disturb a decode. */
    private final DoubleArrayInput headInput = new DoubleArrayInput();

    /** @return where a request's inline vector starts, for {@link FrameReader#next(FrameReader.VectorHead, double[], int, int)} */
    public FrameReader.VectorHead requestHead() {
        return (head, length) -> vectorStart(head, length, REQUEST);
    }

    /** @return where a reply's inline vector starts, for {@link FrameReader#next(FrameReader.VectorHead, double[], int, int)} */
    public FrameReader.VectorHead replyHead() {
        return (head, length) -> vectorStart(head, length, REPLY);
    }

    /**
     * Reads a message's fields up to its vector's length, as the decoder will: {@code (start <<
     * 32) | count}, or -1 when the head is not such a message or carries no inline vector (the
     * decoder then reads the whole payload and reports what is wrong with it).
     */
    private long vectorStart(byte[] head, int length, byte kind) {
        DoubleArrayInput in = headInput;
        try {
            in.setBuffer(head, 0, length);
            if (in.readByte() != kind) {
                return -1;
            }
            in.readByte();
            in.readLong();
            in.readLong();
            if (kind == REQUEST) {
                in.readLong();
                in.readBoolean();
                int count = in.readInt();
                if (count < 0 || count > SharedVector.SLOTS) {
                    return -1;
                }
                for (int i = 0; i < count; i++) {
                    in.readInt();
                    int start = in.position();
                    if (in.readVarIntFlag()) {
                        long chars = in.readVarIntFlag(true) - 1L;
                        if (chars < -1 || chars > length - in.position()) {
                            return -1;
                        }
                        in.setPosition(start);
                    }
                    in.readString();
                }
            }
            int n = in.readInt();
            return n < 0 ? -1 : ((long) in.position() << 32) | n;
        } catch (KryoException | IndexOutOfBoundsException e) {
            return -1;
        } finally {
            in.setBuffer(NOTHING);
        }
    }

    /**
     * @param encoder the encoder of the stream the frame is for
     * @param hello what to encode
     * @return the frame of a hello
     */
    public static EncodedFrame encode(FrameEncoder encoder, Hello hello) {
        Output out = encoder.begin();
        out.writeByte(HELLO);
        out.writeInt(hello.protocolVersion());
        out.writeLong(hello.pid());
        out.writeString(hello.javaVersion());
        out.writeString(hello.libraryVersion());
        return encoder.finish();
    }

    /**
     * @param encoder the encoder of the stream the frame is for
     * @param request what to encode
     * @return the frame of a request
     */
    public static EncodedFrame encode(FrameEncoder encoder, Request request) {
        double[] v = request.vector();
        return v == null ? encode(encoder, request, null, null, 0) : encode(encoder, request, v, new int[] {0, v.length}, v.length);
    }

    /**
     * The frame of {@code request} with an inline vector gathered from {@code source}: the
     * concatenation of {@code source[from … from+count)} for each pair of {@code pieces}, taken
     * from there as the frame is written (a slice of the caller's array, the components a worker
     * reads), with no array of its own. The bytes are those of a request with that vector.
     *
     * @param encoder the encoder of the stream the frame is for
     * @param request what to encode; its own vector is ignored
     * @param source the array the pieces are in, or {@code null} for the request's shared vector or
     *     none. Not modified; it must not change until the frame is written.
     * @param pieces pairs {@code (from, count)} into {@code source}. Not modified.
     * @param length the sum of the counts
     * @return the frame
     */
    @SuppressWarnings("EnumOrdinal") // the wire code is the ordinal: ofCode checks its range, the hello the version
    public static EncodedFrame encode(FrameEncoder encoder, Request request, double[] source, int[] pieces, int length) {
        Output out = encoder.begin(source == null ? 0 : length);
        out.writeByte(REQUEST);
        out.writeByte(request.command().ordinal());
        out.writeLong(request.sequence());
        out.writeLong(request.timeoutMillis());
        out.writeLong(request.ping());
        out.writeBoolean(request.replyInRegion());
        out.writeInt(request.regions().size());
        for (RegionDeclaration d : request.regions()) {
            out.writeInt(d.slot());
            out.writeString(d.path());
        }
        if (source != null) {
            out.writeInt(length);
            encoder.writeDoubles(source, pieces, length);
        } else {
            writeVector(encoder, out, null, request.shared());
        }
        byte[] bytes = request.operatorBytes();
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.writeBytes(bytes);
        }
        return encoder.finish();
    }

    /**
     * @param encoder the encoder of the stream the frame is for
     * @param reply what to encode
     * @return the frame of a reply
     */
    @SuppressWarnings("EnumOrdinal") // the wire code is the ordinal: ofCode checks its range, the hello the version
    public static EncodedFrame encode(FrameEncoder encoder, Reply reply) {
        Output out = encoder.begin(reply.vector() == null ? 0 : reply.vector().length);
        out.writeByte(REPLY);
        out.writeByte(reply.code().ordinal());
        out.writeLong(reply.sequence());
        out.writeLong(reply.ping());
        writeVector(encoder, out, reply.vector(), reply.shared());
        writeError(out, reply.error(), 0);
        return encoder.finish();
    }

    /**
     * @param reader the reader that has just read a frame
     * @return the hello in the last frame of {@code reader}
     */
    public Hello decodeHello(FrameReader reader) {
        try {
            open(reader, HELLO, "a hello");
            int version = input.readInt();
            long pid = input.readLong();
            String javaVersion = readString("the Java version");
            if (version != Hello.PROTOCOL_VERSION) {
                // Another layout may follow (version 1 ended here): what was read is enough for the
                // parent to refuse it by name, with the library version when it can be read.
                String library = "unknown";
                try {
                    if (input.position() < reader.payloadLength()) {
                        library = readString("the library version");
                    }
                } catch (KryoException | IndexOutOfBoundsException | ProtocolException e) {
                    // Not this layout: unknown.
                }
                return new Hello(version, pid, javaVersion, library);
            }
            return finished(new Hello(version, pid, javaVersion, readString("the library version")), reader);
        } catch (KryoException | IndexOutOfBoundsException e) {
            throw malformed("hello", reader, e);
        }
    }

    /**
     * @param reader the reader that has just read a frame
     * @return the request in the last frame of {@code reader}
     */
    public Request decodeRequest(FrameReader reader) {
        try {
            open(reader, REQUEST, "a request");
            Command command = Command.ofCode(input.readByte());
            long sequence = input.readLong();
            long timeout = input.readLong();
            long ping = input.readLong();
            boolean replyInRegion = input.readBoolean();
            int count = input.readInt();
            if (count < 0 || count > SharedVector.SLOTS) {
                throw new ProtocolException("a request declares " + count + " shared-memory regions; at most "
                        + SharedVector.SLOTS + " exist");
            }
            java.util.List<RegionDeclaration> regions = new java.util.ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                regions.add(new RegionDeclaration(input.readInt(), readString("a region path")));
            }
            double[] vector = readVector();
            SharedVector shared = lastShared;
            int n = input.readInt();
            byte[] bytes = null;
            if (n >= 0) {
                requireRemaining(n, "operator bytes");
                bytes = input.readBytes(n);
            } else if (n != -1) {
                throw new ProtocolException("operator byte count " + n + " is negative");
            }
            return finished(new Request(command, sequence, timeout, vector, shared, List.copyOf(regions), replyInRegion,
                    bytes, ping), reader);
        } catch (KryoException | IndexOutOfBoundsException e) {
            throw malformed("request", reader, e);
        }
    }

    /**
     * @param reader the reader that has just read a frame
     * @return the reply in the last frame of {@code reader}
     */
    public Reply decodeReply(FrameReader reader) {
        try {
            open(reader, REPLY, "a reply");
            ExitCode code = ExitCodes.ofCode(input.readByte());
            long sequence = input.readLong();
            long ping = input.readLong();
            double[] vector = readVector();
            SharedVector shared = lastShared;
            RemoteError error = readError(0);
            return finished(new Reply(code, sequence, vector, shared, error, ping), reader);
        } catch (KryoException | IndexOutOfBoundsException e) {
            throw malformed("reply", reader, e);
        }
    }

    /**
     * As {@link #decodeReply(FrameReader)}, with an inline vector of {@code expected} doubles
     * decoded straight into {@code into} at {@code offset} instead of into an array of its own
     * (the parent's forward path: each reply lands in its place in the joined result). The reply
     * then carries {@code into} itself as its vector, which no decoded reply can. A vector of
     * another length, or none, is decoded as by {@code decodeReply}, for the caller to report.
     *
     * @param reader the reader that has just read a frame
     * @param into where the vector goes. Modified: {@code into[offset … offset+expected)}, also
     *     when the reply fails later checks.
     * @param offset where its first double goes in {@code into}
     * @param expected how many doubles the caller expects
     * @return the reply in the last frame of {@code reader}
     */
    public Reply decodeReplyInto(FrameReader reader, double[] into, int offset, int expected) {
        target = into;
        targetOffset = offset;
        targetLength = expected;
        try {
            return decodeReply(reader);
        } finally {
            target = null;
        }
    }

    /** Where {@link #readVector()} puts an inline vector of {@link #targetLength} doubles; {@code null} for a fresh array. */
    private double[] target;
    private int targetOffset;
    private int targetLength;

    private void open(FrameReader reader, byte kind, String expected) {
        frame = reader;
        input.setBuffer(reader.payload(), 0, reader.payloadLength());
        if (reader.payloadLength() == 0) {
            throw new ProtocolException("expected " + expected + " but the frame is empty");
        }
        byte actual = input.readByte();
        if (actual != kind) {
            throw new ProtocolException("expected " + expected + " ('" + (char) kind + "') but the frame holds kind "
                    + (actual >= 32 && actual < 127 ? "'" + (char) actual + "'" : String.valueOf(actual)));
        }
    }

    private <T> T finished(T message, FrameReader reader) {
        if (input.position() != reader.payloadLength()) {
            throw new ProtocolException("message ends at byte " + input.position() + " but its frame has "
                    + reader.payloadLength());
        }
        return message;
    }

    private ProtocolException malformed(String what, FrameReader reader, RuntimeException e) {
        return new ProtocolException("malformed " + what + " (" + e.getMessage() + "); payload starts "
                + FrameFormat.quote(reader.payload(), Math.min(reader.payloadLength(), 64)), e);
    }

    private static void writeVector(FrameEncoder encoder, Output out, double[] v, SharedVector shared) {
        if (shared != null) {
            out.writeInt(-2);
            out.writeInt(shared.slot());
            out.writeInt(shared.length());
            return;
        }
        if (v == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(v.length);
        encoder.writeDoubles(v);
    }

    /** Set by {@link #readVector()}: the shared vector it read, if the vector was not inline. */
    private SharedVector lastShared;

    private double[] readVector() {
        lastShared = null;
        int n = input.readInt();
        if (n == -2) {
            lastShared = new SharedVector(input.readInt(), input.readInt());
            return null;
        }
        if (n < 0) {
            if (n != -1) {
                throw new ProtocolException("vector length " + n + " is negative");
            }
            return null;
        }
        if (frame != null && frame.lifted() != null && frame.liftedAt() == input.position()
                && frame.lifted().length >= n) {
            // Lifted out of the payload as it arrived: into the target, or into an array of its own.
            double[] v = frame.lifted();
            if (v == target ? n == targetLength : v.length == n) {
                return v;
            }
        }
        requireRemaining(8L * n, "a vector of " + n + " doubles");
        if (target != null && n == targetLength) {
            // Straight into its place, as a fresh array is read: little-endian, the wire's order
            // on any machine, through the input's kept views (no buffer made per call).
            input.readDoublesInto(target, targetOffset, n);
            return target;
        }
        return input.readDoubles(n);
    }

    /**
     * Kryo's {@code readString} takes the character count of a UTF-8 string from the wire and
     * allocates that many characters before reading any: a forged count of 10⁹ allocates 2 GB.
     * Each character takes at least one byte, so a count above the bytes left is refused first.
     */
    private String readString(String what) {
        int start = input.position();
        if (input.readVarIntFlag()) {
            long chars = input.readVarIntFlag(true) - 1L; // -1: null, 0: empty
            input.setPosition(start);
            if (chars < -1) {
                throw new ProtocolException(what + " declares " + chars + " characters");
            }
            requireRemaining(chars, what + " of " + chars + " characters");
        }
        return input.readString();
    }

    private void requireRemaining(long bytes, String what) {
        int remaining = input.limit() - input.position();
        if (bytes > remaining) {
            throw new ProtocolException(what + " needs " + bytes + " bytes but the frame has " + remaining + " left");
        }
    }

    private static void writeError(Output out, RemoteError e, int depth) {
        if (e == null || depth >= RemoteError.MAX_DEPTH) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        out.writeString(e.className());
        out.writeString(e.message());
        StackTraceElement[] st = e.stackTrace() == null ? new StackTraceElement[0] : e.stackTrace();
        out.writeInt(st.length);
        for (StackTraceElement f : st) {
            out.writeString(f.getClassName());
            out.writeString(f.getMethodName());
            out.writeString(f.getFileName());
            out.writeInt(f.getLineNumber());
        }
        writeError(out, e.cause(), depth + 1);
    }

    private RemoteError readError(int depth) {
        byte present = input.readByte();
        if (present == 0) {
            return null;
        }
        if (present != 1 || depth >= RemoteError.MAX_DEPTH) {
            throw new ProtocolException("malformed remote error at depth " + depth);
        }
        String cls = readString("an exception class name");
        String msg = readString("an exception message");
        int n = input.readInt();
        if (n < 0) {
            throw new ProtocolException("a stack trace of " + n + " frames at depth " + depth);
        }
        requireRemaining(n, "a stack trace of " + n + " frames");
        StackTraceElement[] st = new StackTraceElement[n];
        for (int i = 0; i < n; i++) {
            String c = readString("a stack frame's class");
            String m = readString("a stack frame's method");
            String f = readString("a stack frame's file");
            st[i] = new StackTraceElement(c == null ? "?" : c, m == null ? "?" : m, f, input.readInt());
        }
        return new RemoteError(cls, msg, st, readError(depth + 1));
    }
}
