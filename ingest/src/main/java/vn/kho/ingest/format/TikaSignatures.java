package vn.kho.ingest.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.mime.MimeTypesFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.kho.repository.xml.SafeXml;

/**
 * Apache Tika's signature detection, with the same answers at a third of the cost.
 *
 * <p>Tika tries every one of its ~1,400 magic rules on a file it does not recognise early, and the rules that search
 * a range of offsets (mail headers anywhere in the first 8 KB, {@code <html} within 8 KB, the Illustrator marker in a
 * PostScript header, …) cost most: about 0.7 ms per file, which for a package of 10,000 small files was more than
 * storing it; so do the regular-expression rules, each of which decodes an 8 KB window and compiles its pattern again
 * for every file. A rule of either kind can only match when its literal bytes (for a regex, a run of plain characters
 * every match contains) occur in the header, and they seldom do. So
 * Kho builds a second Tika registry from Tika's own {@code tika-mimetypes.xml} in which exactly those rules can never
 * match (their offset moved past the header Tika reads), and asks it whenever none of their literals occurs in the
 * file's header; when one does, the file goes to Tika's unchanged registry. The two answer alike for every header: a
 * rule left out could not have matched it. {@code TikaSignaturesTest} checks both this and the literal decoding
 * against Tika itself. Thread-safe.
 */
final class TikaSignatures {
    /** String rules searching fewer offsets than this stay in the fast registry: their search costs little. */
    static final int WIDE = 16;
    /** Shortest regular-expression literal worth a guard. */
    private static final int MIN_LITERAL = 4;
    /** An offset no header reaches: Tika reads at most {@link MimeTypes#getMinLength()} bytes. */
    private static final String NEVER = "1048576";

    private final MimeTypes full;
    private final MimeTypes fast;
    private final int guarded;
    /** The guards by their first byte (both cases of a letter for those that ignore case). */
    private final List<Literal>[] byFirstByte;

    private final int longest;
    private final long lastStart;

    @SuppressWarnings("unchecked")
    private TikaSignatures(MimeTypes full, MimeTypes fast, List<Literal> guards) {
        this.full = full;
        this.fast = fast;
        this.guarded = guards.size();
        this.byFirstByte = new List[256];
        for (Literal g : guards) {
            byte first = g.ignoreCase() ? Literal.lower(g.bytes()[0]) : g.bytes()[0];
            index(first, g);
            if (g.ignoreCase() && first >= 'a' && first <= 'z') {
                index((byte) (first - ('a' - 'A')), g);
            }
        }
        this.longest = guards.stream().mapToInt(g -> g.bytes().length).max().orElse(0);
        this.lastStart = guards.stream().mapToLong(Literal::to).max().orElse(-1);
    }

    private void index(byte first, Literal g) {
        List<Literal> list = byFirstByte[first & 0xff];
        if (list == null) {
            list = byFirstByte[first & 0xff] = new ArrayList<>();
        }
        list.add(g);
    }

    /** Tika's default registry and its fast twin. */
    static TikaSignatures load() {
        try (InputStream in = MimeTypes.class.getResourceAsStream("tika-mimetypes.xml")) {
            if (in == null) {
                throw new IllegalStateException("tika-mimetypes.xml is missing from tika-core");
            }
            Document rules = SafeXml.parse(in);
            List<Literal> guards = new ArrayList<>();
            NodeList matches = rules.getElementsByTagName("match");
            for (int i = 0; i < matches.getLength(); i++) {
                Element match = (Element) matches.item(i);
                Literal.of(match).ifPresent(literal -> {
                    guards.add(literal);
                    match.setAttribute("offset", NEVER);
                });
            }
            MimeTypes fast = MimeTypesFactory.create(new ByteArrayInputStream(serialise(rules)));
            return new TikaSignatures(MimeTypes.getDefaultMimeTypes(), fast, guards);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MimeTypeException | TransformerException e) {
            throw new IllegalStateException("could not build the fast signature registry: " + e, e);
        }
    }

    /** How many header bytes {@link #detect} needs: the same as Tika reads. */
    int headBytes() {
        return full.getMinLength();
    }

    /** The rules moved out of the fast registry (for tests). */
    int guardedRules() {
        return guarded;
    }

    /**
     * The media type of a file whose first bytes are {@code head} (at least {@link #headBytes()} of them, or the whole
     * file) and whose name is {@code name}, as Tika's default registry gives it.
     */
    MediaType detect(byte[] head, String name) throws IOException {
        return (mayMatchGuarded(head) ? full : fast).detect(new ByteArrayInputStream(head), metadata(name));
    }

    /** Tika's own answer, for comparison in tests. */
    MediaType detectWithTika(byte[] head, String name) throws IOException {
        return full.detect(new ByteArrayInputStream(head), metadata(name));
    }

    /** Whether any guarded rule's literal occurs where its rule looks: one pass over the header. */
    boolean mayMatchGuarded(byte[] head) {
        int end = (int) Math.min((long) head.length + longest, lastStart);
        for (int p = 0; p <= end; p++) {
            List<Literal> starting = byFirstByte[(p < head.length ? head[p] : 0) & 0xff];
            if (starting == null) {
                continue;
            }
            for (Literal g : starting) {
                if (g.startsAt(head, p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Metadata metadata(String name) {
        Metadata metadata = new Metadata();
        if (name != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        }
        return metadata;
    }

    private static byte[] serialise(Document doc) throws TransformerException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }

    /**
     * Bytes that must occur at an offset from {@code from} to {@code to} (inclusive, of the first byte) for a rule to
     * match; with {@code ignoreCase}, ASCII letters in either case.
     */
    record Literal(byte[] bytes, int from, int to, boolean ignoreCase) {
        /** The literal that guards {@code match}, when it is a wide, unmasked string rule or a regex with one. */
        static java.util.Optional<Literal> of(Element match) {
            String type = match.getAttribute("type");
            String offset = match.getAttribute("offset");
            String value = match.getAttribute("value");
            if (offset.isEmpty() || value.isEmpty() || match.hasAttribute("mask")) {
                return java.util.Optional.empty();
            }
            int colon = offset.indexOf(':');
            int from = Integer.parseInt((colon < 0 ? offset : offset.substring(0, colon)).trim());
            int to = colon < 0
                    ? from
                    : Integer.parseInt(offset.substring(colon + 1).trim());
            // Every regex rule reads and decodes an 8 KB window and compiles its pattern again for each file.
            if (to - from < WIDE && !type.equals("regex")) {
                return java.util.Optional.empty();
            }
            return switch (type) {
                case "string", "unicodeLE", "unicodeBE" ->
                    java.util.Optional.of(new Literal(TikaValues.decode(value, type), from, to, false));
                case "stringignorecase" ->
                    java.util.Optional.of(
                            new Literal(TikaValues.decode(value.toLowerCase(Locale.ROOT), type), from, to, true));
                // A regex is tried at each offset of the range over a window of 8 KB after it.
                case "regex" ->
                    TikaValues.regexLiteral(TikaValues.decode(value, type), MIN_LITERAL)
                            .map(b -> new Literal(b, from, Integer.MAX_VALUE, false));
                default -> java.util.Optional.empty();
            };
        }

        /** Whether the literal starts at offset {@code p}, in range; bytes past the header are zeros, as in Tika. */
        boolean startsAt(byte[] head, int p) {
            if (p < from || p > to) {
                return false;
            }
            for (int j = 0; j < bytes.length; j++) {
                if (!matchesAt(head, p + j, bytes[j])) {
                    return false;
                }
            }
            return true;
        }

        private boolean matchesAt(byte[] head, int p, byte expected) {
            byte b = p < head.length ? head[p] : 0;
            return ignoreCase ? lower(b) == lower(expected) : b == expected;
        }

        static byte lower(byte b) {
            return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
        }
    }
}
