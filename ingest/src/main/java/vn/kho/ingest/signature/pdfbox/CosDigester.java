package vn.kho.ingest.signature.pdfbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;

/**
 * SHA-256 digests of PDF objects with everything they reach: dictionaries (keys in order), arrays, strings, names,
 * numbers and streams (their dictionary and their raw, still encoded bytes, read as a stream). Indirect objects are
 * digested once per document and remembered by object number, so a font shared by 500 pages is read once.
 *
 * <p>Back links are not followed ({@code /Parent}, {@code /P}); a reference back to an object being digested counts
 * as its object number; below {@value #MAX_DEPTH} levels an object counts as its object number only. Two objects
 * have the same digest when they have the same content, wherever they sit in the file: a stream written again with
 * another compression has another digest.
 */
final class CosDigester {
    private static final int MAX_DEPTH = 48;
    private static final Set<COSName> BACK_LINKS = Set.of(COSName.PARENT, COSName.P);

    private final Map<COSObjectKey, byte[]> digests = new HashMap<>();
    private final Set<COSObjectKey> inProgress = new HashSet<>();

    /** The digest of {@code object} (may be {@code null}) as lowercase hex. */
    String hex(COSBase object) throws IOException {
        return HexFormat.of().formatHex(digest(object));
    }

    byte[] digest(COSBase object) throws IOException {
        return digest(object, 0);
    }

    private byte[] digest(COSBase object, int depth) throws IOException {
        COSBase value = object instanceof COSObject reference ? reference.getObject() : object;
        COSObjectKey key = object instanceof COSObject reference ? reference.getKey() : null;
        if (key == null && value != null) {
            key = value.getKey();
        }
        if (key != null) {
            byte[] known = digests.get(key);
            if (known != null) {
                return known;
            }
            if (inProgress.contains(key) || depth > MAX_DEPTH) {
                return sha256().digest(("ref " + key).getBytes(StandardCharsets.US_ASCII));
            }
            inProgress.add(key);
            try {
                byte[] digest = direct(value, depth);
                digests.put(key, digest);
                return digest;
            } finally {
                inProgress.remove(key);
            }
        }
        return depth > MAX_DEPTH ? sha256().digest("deep".getBytes(StandardCharsets.US_ASCII)) : direct(value, depth);
    }

    private byte[] direct(COSBase value, int depth) throws IOException {
        MessageDigest md = sha256();
        if (value == null || value instanceof COSNull) {
            md.update(tag("null"));
        } else if (value instanceof COSStream stream) {
            md.update(tag("stream"));
            dictionary(stream, md, depth);
            try (InputStream raw = stream.createRawInputStream()) {
                byte[] buffer = new byte[16 * 1024];
                for (int n; (n = raw.read(buffer)) > 0; ) {
                    md.update(buffer, 0, n);
                }
            }
        } else if (value instanceof COSDictionary dictionary) {
            md.update(tag("dict"));
            dictionary(dictionary, md, depth);
        } else if (value instanceof COSArray array) {
            md.update(tag("array " + array.size()));
            for (int i = 0; i < array.size(); i++) {
                md.update(digest(array.get(i), depth + 1));
            }
        } else if (value instanceof COSString string) {
            md.update(tag("string"));
            md.update(string.getBytes());
        } else if (value instanceof COSName name) {
            md.update(tag("name " + name.getName()));
        } else if (value instanceof COSInteger n) {
            md.update(tag("int " + n.longValue()));
        } else if (value instanceof COSFloat f) {
            md.update(tag("real " + f.floatValue()));
        } else if (value instanceof COSBoolean b) {
            md.update(tag("bool " + b.getValue()));
        } else {
            md.update(tag("other " + value.getClass().getSimpleName()));
        }
        return md.digest();
    }

    private void dictionary(COSDictionary dictionary, MessageDigest md, int depth) throws IOException {
        for (COSName name : dictionary.keySet().stream().sorted().toList()) {
            if (!BACK_LINKS.contains(name)) {
                md.update(tag("key " + name.getName()));
                md.update(digest(dictionary.getItem(name), depth + 1));
            }
        }
    }

    private static byte[] tag(String tag) {
        return (tag + "\u0000").getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
