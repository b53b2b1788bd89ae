package vn.kho.storage.fedora;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code ldp:contains} triples of a container from Fedora's N-Triples answer: just enough of N-Triples for
 * the lines Fedora writes ({@code <s> <p> <o> .}, IRIs percent-encoded), so the storage module needs no RDF library.
 */
final class LdpContainment {
    static final String CONTAINS = "<http://www.w3.org/ns/ldp#contains>";

    private LdpContainment() {}

    /** The IRIs of the objects of every {@code ldp:contains} triple in {@code ntriples}, as written. */
    static List<String> children(String ntriples) {
        List<String> children = new ArrayList<>();
        for (String line : ntriples.split("\n")) {
            String triple = line.strip();
            int predicate = triple.indexOf("> " + CONTAINS + " <");
            if (!triple.startsWith("<") || predicate < 0) {
                continue;
            }
            int start = predicate + 2 + CONTAINS.length() + 2;
            int end = triple.indexOf('>', start);
            if (end > start) {
                children.add(unescape(triple.substring(start, end)));
            }
        }
        return children;
    }

    /** N-Triples IRIs may carry {@code \\uXXXX} and {@code \\UXXXXXXXX} escapes. */
    private static String unescape(String iri) {
        if (iri.indexOf('\\') < 0) {
            return iri;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < iri.length(); i++) {
            char c = iri.charAt(i);
            if (c == '\\' && i + 5 < iri.length() + 1 && (iri.charAt(i + 1) == 'u' || iri.charAt(i + 1) == 'U')) {
                int digits = iri.charAt(i + 1) == 'u' ? 4 : 8;
                if (i + 2 + digits <= iri.length()) {
                    out.appendCodePoint(Integer.parseInt(iri.substring(i + 2, i + 2 + digits), 16));
                    i += 1 + digits;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
