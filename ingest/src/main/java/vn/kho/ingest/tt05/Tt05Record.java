package vn.kho.ingest.tt05;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One TT05 metadata record as submitted: the hồ sơ record ({@code <simpledc>}) or a document record ({@code
 * <EAD_doc>}, {@code <EAD_pic>}, {@code <EAD_media>}).
 *
 * @param path the package-relative path of the record's file
 * @param rootElement the local name of its root element
 * @param fields every child element's trimmed text by local name, in document order
 */
record Tt05Record(String path, String rootElement, Map<String, List<String>> fields) {
    static final String DOCUMENT = "EAD_doc";
    static final String PHOTO = "EAD_pic";
    static final String MEDIA = "EAD_media";

    Tt05Record {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        fields = Collections.unmodifiableMap(copy);
    }

    /** The first non-empty value of {@code name}, or null. */
    String first(String name) {
        for (String v : fields.getOrDefault(name, List.of())) {
            if (!v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    /** Whether this is a text document ({@code EAD_doc}) rather than a photo or audio/video record. */
    boolean isTextDocument() {
        return DOCUMENT.equals(rootElement);
    }

    /** The representation the record belongs to ({@code representations/<rep>/...}), or "" for the hồ sơ record. */
    String representation() {
        String[] segments = path.split("/", 3);
        return segments.length == 3 && segments[0].equals("representations") ? segments[1] : "";
    }
}
