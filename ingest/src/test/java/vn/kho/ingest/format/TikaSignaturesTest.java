package vn.kho.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.tika.detect.MagicDetector;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.kho.ingest.format.TikaSignatures.Literal;
import vn.kho.repository.xml.SafeXml;

/** The fast registry gives Tika's own answer, and Kho reads Tika's rules the way Tika does. */
class TikaSignaturesTest {
    private static final TikaSignatures SIGNATURES = TikaSignatures.load();
    private static final MediaType FOUND = MediaType.parse("application/x-kho-test");

    private record Rule(Element match, Literal literal) {}

    private static List<Rule> guardedRules() throws IOException {
        try (InputStream in = MimeTypes.class.getResourceAsStream("tika-mimetypes.xml")) {
            NodeList matches = SafeXml.parse(in).getElementsByTagName("match");
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < matches.getLength(); i++) {
                Element match = (Element) matches.item(i);
                Optional<Literal> literal = Literal.of(match);
                literal.ifPresent(l -> rules.add(new Rule(match, l)));
            }
            return rules;
        }
    }

    @Test
    void theWideRulesAreGuardedAndTheHeaderIsTikasOwn() throws IOException {
        assertThat(SIGNATURES.guardedRules()).isEqualTo(guardedRules().size()).isGreaterThan(100);
        assertThat(SIGNATURES.headBytes())
                .isEqualTo(MimeTypes.getDefaultMimeTypes().getMinLength())
                .isEqualTo(65536);
        byte[] random = new byte[10_240];
        new SplittableRandom(1).nextBytes(random);
        assertThat(SIGNATURES.mayMatchGuarded(random))
                .as("random bytes take the fast path")
                .isFalse();
    }

    @Test
    void everyGuardedLiteralIsTheBytesTikaMatches() throws IOException {
        for (Rule rule : guardedRules()) {
            Element m = rule.match();
            String type = m.getAttribute("type");
            if (type.equals("regex")) {
                continue; // checked by content below: a regex has no single byte pattern
            }
            Literal l = rule.literal();
            MagicDetector tika =
                    MagicDetector.parse(FOUND, type, String.valueOf(l.from()), m.getAttribute("value"), null);
            assertThat(tika.getLength()).as(m.getAttribute("value")).isEqualTo(l.bytes().length);
            byte[] header = new byte[l.from() + l.bytes().length + 16];
            System.arraycopy(l.bytes(), 0, header, l.from(), l.bytes().length);
            assertThat(tika.detect(new ByteArrayInputStream(header), null))
                    .as("Tika matches Kho's decoding of %s %s", type, m.getAttribute("value"))
                    .isEqualTo(FOUND);
            header[l.from() + l.bytes().length - 1] ^= 0x55;
            assertThat(tika.detect(new ByteArrayInputStream(header), null))
                    .as("and not one changed byte of it")
                    .isEqualTo(MediaType.OCTET_STREAM);
        }
    }

    @Test
    void regexLiteralsAreRequiredRunsOnly() {
        assertThat(TikaValues.regexLiteral("[\r\n]%AI5_FileFormat [1-4][\r\n]".getBytes(), 4))
                .hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("%AI5_FileFormat "));
        assertThat(TikaValues.regexLiteral("abcdef|ghijkl".getBytes(), 4)).isEmpty();
        assertThat(TikaValues.regexLiteral("abcdX?efg".getBytes(), 4))
                .hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("abcd"));
        assertThat(TikaValues.regexLiteral("(optional)?abc".getBytes(), 4)).isEmpty();
        assertThat(TikaValues.regexLiteral("x+yyyy+".getBytes(), 4)).isEmpty();
    }

    @Test
    void givesTikasAnswerForRandomTextAndBinaryHeaders() throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        String[] names = {"f.bin", "notes.txt", "mail.eml", "page.html", "scan.pdf", "f", null};
        for (int i = 0; i < 600; i++) {
            int size = i % 3 == 0 ? random.nextInt(1, 200) : random.nextInt(200, 20_000);
            byte[] header = new byte[size];
            if (i % 2 == 0) {
                random.nextBytes(header);
            } else {
                for (int j = 0; j < size; j++) {
                    header[j] = (byte) (random.nextInt(10) == 0 ? '\n' : random.nextInt(32, 127));
                }
            }
            same(header, names[i % names.length]);
        }
    }

    /** For every guarded rule: its literal placed where the rule looks, in text and in binary, in either case. */
    @Test
    void givesTikasAnswerWhenAGuardedLiteralIsPresent() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        int guardHit = 0;
        for (Rule rule : guardedRules()) {
            Literal l = rule.literal();
            for (int variant = 0; variant < 4; variant++) {
                int at = variant < 2 ? l.from() : l.from() + random.nextInt(Math.min(l.to(), 9000) - l.from() + 1);
                byte[] header = new byte[at + l.bytes().length + random.nextInt(0, 3000)];
                for (int j = 0; j < header.length; j++) {
                    header[j] = variant % 2 == 0 ? (byte) random.nextInt(32, 127) : (byte) random.nextInt(256);
                }
                byte[] literal = l.bytes().clone();
                if (l.ignoreCase() && variant == 3) {
                    literal = new String(literal, StandardCharsets.ISO_8859_1)
                            .toUpperCase(java.util.Locale.ROOT)
                            .getBytes(StandardCharsets.ISO_8859_1);
                }
                System.arraycopy(literal, 0, header, at, literal.length);
                if (SIGNATURES.mayMatchGuarded(header)) {
                    guardHit++;
                }
                same(header, variant == 0 ? "x.txt" : "x.bin");
            }
        }
        assertThat(guardHit)
                .as("a literal in place sends the header to Tika's registry")
                .isGreaterThan(400);
    }

    @Test
    void findsWhatTheGuardedRulesAreFor() throws IOException {
        byte[] mail = ("Received: from a by b\nFrom: someone@example.org\nDate: 1 Jan 2026\nSubject: hồ sơ\n"
                        + "Message-ID: <1@example.org>\nMIME-Version: 1.0\n\nbody\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(SIGNATURES.detect(mail, "m")).isEqualTo(SIGNATURES.detectWithTika(mail, "m"));
        assertThat(SIGNATURES.detect(mail, "m").toString()).isEqualTo("message/rfc822");
        byte[] ai = ("%!PS-Adobe-3.0\n%%Creator: Adobe Illustrator\n%AI5_FileFormat 3\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(SIGNATURES.detect(ai, "a")).isEqualTo(SIGNATURES.detectWithTika(ai, "a"));
        assertThat(SIGNATURES.detect(ai, "a").toString()).isEqualTo("application/illustrator+ps");
    }

    private static void same(byte[] header, String name) throws IOException {
        assertThat(SIGNATURES.detect(header, name))
                .as("%d bytes named %s", header.length, name)
                .isEqualTo(SIGNATURES.detectWithTika(header, name));
    }
}
