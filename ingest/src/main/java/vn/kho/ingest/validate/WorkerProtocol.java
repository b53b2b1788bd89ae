package vn.kho.ingest.validate;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation between a {@link ValidatorPool} and a {@link ValidatorWorker}, over the child's stdin and stdout
 * as {@link DataOutputStream} values. Strings are an int length (-1 for {@code null}) and UTF-8 bytes.
 *
 * <ul>
 *   <li>child, once warm: the int {@link #READY}
 *   <li>parent, per file: the int {@link #REQUEST}, a long request id, the file path, the JHOVE module name, the report
 *       path (or null), a boolean "check PDF/A"
 *   <li>child, per file: the int {@link #RESULT}, the same id, then the result's fields (see {@link #writeResult})
 * </ul>
 *
 * The parent ends the conversation by closing the child's stdin.
 */
final class WorkerProtocol {
    static final int READY = 0x4B484F31; // "KHO1"
    static final int REQUEST = 0x52455131; // "REQ1"
    static final int RESULT = 0x52455331; // "RES1"
    private static final int MAX_STRING = 64 << 20;
    private static final int MAX_LIST = 1 << 20;

    record Request(long id, String file, String module, String report, boolean pdfa) {}

    private WorkerProtocol() {}

    static void writeRequest(DataOutputStream out, Request r) throws IOException {
        out.writeInt(REQUEST);
        out.writeLong(r.id());
        writeString(out, r.file());
        writeString(out, r.module());
        writeString(out, r.report());
        out.writeBoolean(r.pdfa());
        out.flush();
    }

    static Request readRequest(DataInputStream in) throws IOException {
        expect(in, REQUEST);
        return new Request(in.readLong(), readString(in), readString(in), readString(in), in.readBoolean());
    }

    static void writeResult(DataOutputStream out, long id, ValidationResult r) throws IOException {
        out.writeInt(RESULT);
        out.writeLong(id);
        writeString(out, r.module());
        writeString(out, r.status().name());
        writeString(out, r.format());
        writeString(out, r.version());
        out.writeInt(r.profiles().size());
        for (String p : r.profiles()) {
            writeString(out, p);
        }
        out.writeInt(r.messages().size());
        for (JhoveMessage m : r.messages()) {
            writeString(out, m.severity());
            writeString(out, m.id());
            writeString(out, m.text());
            writeString(out, m.offset());
        }
        PdfaResult p = r.pdfa();
        out.writeBoolean(p != null);
        if (p != null) {
            writeString(out, p.claimed());
            out.writeBoolean(p.compliant());
            out.writeInt(p.failedRules());
            out.writeInt(p.failedRuleSummaries().size());
            for (String s : p.failedRuleSummaries()) {
                writeString(out, s);
            }
            writeString(out, p.error());
        }
        out.writeBoolean(r.reportWritten());
        out.writeLong(r.elapsed().toNanos());
        out.flush();
    }

    /** The next result; the caller compares its id with the request's. */
    static long readResultId(DataInputStream in) throws IOException {
        expect(in, RESULT);
        return in.readLong();
    }

    static ValidationResult readResultBody(DataInputStream in) throws IOException {
        String module = readString(in);
        ValidationStatus status = ValidationStatus.valueOf(readString(in));
        String format = readString(in);
        String version = readString(in);
        List<String> profiles = new ArrayList<>();
        for (int i = 0, n = count(in); i < n; i++) {
            profiles.add(readString(in));
        }
        List<JhoveMessage> messages = new ArrayList<>();
        for (int i = 0, n = count(in); i < n; i++) {
            messages.add(new JhoveMessage(readString(in), readString(in), readString(in), readString(in)));
        }
        PdfaResult pdfa = null;
        if (in.readBoolean()) {
            String claimed = readString(in);
            boolean compliant = in.readBoolean();
            int failed = in.readInt();
            List<String> summaries = new ArrayList<>();
            for (int i = 0, n = count(in); i < n; i++) {
                summaries.add(readString(in));
            }
            pdfa = new PdfaResult(claimed, compliant, failed, summaries, readString(in));
        }
        boolean reportWritten = in.readBoolean();
        Duration elapsed = Duration.ofNanos(in.readLong());
        return new ValidationResult(module, status, format, version, profiles, messages, pdfa, reportWritten, elapsed);
    }

    static void expect(DataInputStream in, int tag) throws IOException {
        int got = in.readInt();
        if (got != tag) {
            throw new IOException(String.format("protocol error: expected %08x, got %08x", tag, got));
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_LIST) {
            throw new IOException("protocol error: list of " + n);
        }
        return n;
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("protocol error: string of " + n + " bytes");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
