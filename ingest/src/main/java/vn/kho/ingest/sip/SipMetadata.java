package vn.kho.ingest.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a producer says about one hồ sơ and its documents, as read from a metadata file ({@link SipMetadataFile}),
 * before Kho adds what it can derive ({@link Tt05SipAssembler}). Field names are the TT05 names of
 * {@link vn.kho.ingest.tt05.Tt05Fields}; a field with no value is absent.
 *
 * @param objid the package's {@code urn:uuid:} identifier, or null to have a new one made
 * @param organisationName the submitting organisation's name, or null
 * @param organisationCode its agency identification code (Mã định danh cơ quan), or null
 * @param hoSo the hồ sơ fields by name, each with its values in order
 * @param documents the documents in order
 */
public record SipMetadata(
        String objid,
        String organisationName,
        String organisationCode,
        Map<String, List<String>> hoSo,
        List<Document> documents) {
    public SipMetadata {
        hoSo = copy(hoSo);
        documents = List.copyOf(documents);
    }

    /**
     * One document.
     *
     * @param file its path relative to the documents folder, segments separated by '/'
     * @param fields its record's fields by name, each with its values in order
     */
    public record Document(String file, Map<String, List<String>> fields) {
        public Document {
            Objects.requireNonNull(file, "file");
            fields = copy(fields);
        }
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> fields) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }
}
