package vn.kho.ingest.signature.pdfbox;

/**
 * The length of the first BER/DER element of a byte array, read from its tag and length octets: how a signature's
 * /Contents is cut from its zero padding. Stripping trailing zeros instead would cut a CMS whose last octets are zero.
 * Definite lengths (short and long form) and the indefinite form (nested elements up to end-of-contents) are read.
 */
final class DerLength {
    private static final int MAX_DEPTH = 64;

    private DerLength() {}

    /** The length in octets of the element starting at offset 0, or -1 if it is malformed or runs past the end. */
    static long ofFirstElement(byte[] bytes) {
        return end(bytes, 0, 0);
    }

    /** The offset just after the element at {@code start}, or -1. */
    private static long end(byte[] bytes, int start, int depth) {
        if (depth > MAX_DEPTH || start >= bytes.length) {
            return -1;
        }
        int p = start;
        boolean constructed = (bytes[p] & 0x20) != 0;
        if ((bytes[p++] & 0x1f) == 0x1f) { // high tag number: base-128 octets, the last without bit 8
            while (p < bytes.length && (bytes[p] & 0x80) != 0) {
                p++;
            }
            p++;
        }
        if (p >= bytes.length) {
            return -1;
        }
        int first = bytes[p++] & 0xff;
        if (first == 0x80) {
            return constructed ? indefiniteEnd(bytes, p, depth) : -1;
        }
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7f;
            if (octets > 4 || p + octets > bytes.length) {
                return -1;
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (bytes[p++] & 0xff);
            }
        }
        long end = p + length;
        return end <= bytes.length ? end : -1;
    }

    /** Elements from {@code p} up to and including the end-of-contents octets 00 00. */
    private static long indefiniteEnd(byte[] bytes, int p, int depth) {
        while (p + 1 < bytes.length) {
            if (bytes[p] == 0 && bytes[p + 1] == 0) {
                return p + 2;
            }
            long next = end(bytes, p, depth + 1);
            if (next < 0) {
                return -1;
            }
            p = (int) next;
        }
        return -1;
    }
}
