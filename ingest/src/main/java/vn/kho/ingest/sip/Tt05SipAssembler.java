package vn.kho.ingest.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.tika.Tika;
import vn.kho.ingest.tt05.Tt05Fields;
import vn.kho.repository.Finding;

/**
 * Turns a producer's metadata ({@link SipMetadata}) and folder of documents ({@link DocumentFolder}) into the spec of a
 * TT05 SIP, or says why it cannot: every document listed must be in the folder and every file of the folder listed
 * (once), and every field TT05 requires must be there once Kho has derived what it can:
 *
 * <ul>
 *   <li>a document's {@code docOrdinal} is its place in the metadata (1, 2, …) and its {@code docCode} the hồ sơ's
 *       fileCode, '.', and that ordinal in 7 digits;
 *   <li>a document without {@code maintenance}, {@code mode} or {@code language} takes the hồ sơ's;
 *   <li>the hồ sơ's {@code totalDoc} is the number of documents, and its {@code numberOfPage} the sum of theirs.
 * </ul>
 *
 * A value given is written as given, even where Kho would derive another: Kho's checks then say what is wrong with it.
 * Each record lists its fields in the profile's order. Documents are typed (METS {@code MIMETYPE}) by Apache Tika from
 * their name and first bytes. Whether the values are valid (code lists, dates, lengths, conditional fields) is left to
 * Kho's checks of the package written.
 *
 * <p>Codes: {@code SIP_METADATA_FIELD_REQUIRED}, {@code SIP_METADATA_INVALID} (an OBJID that is no UUID),
 * {@code SIP_DOCUMENT_NOT_IN_FOLDER}, {@code SIP_FILE_NOT_IN_METADATA}, {@code SIP_DOCUMENT_LISTED_TWICE}.
 */
public final class Tt05SipAssembler {
    static final Set<String> INHERITED = Set.of("maintenance", "mode", "language");
    /** How a missing required value would have been derived, for the message. */
    private static final Map<String, String> HO_SO_HINTS =
            Map.of("numberOfPage", "Kho adds it up when every document gives its numberOfPage");

    private static final Map<String, String> DOCUMENT_HINTS =
            Map.of("language", "a document without one takes the hồ sơ's, which is missing too");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * The outcome.
     *
     * @param spec the package to write, or empty when there are problems
     * @param problems why the package cannot be made; empty when it can
     */
    public record Assembly(Optional<Tt05SipSpec> spec, List<Finding> problems) {
        public Assembly {
            problems = List.copyOf(problems);
        }
    }

    private Tt05SipAssembler() {}

    /**
     * @param metadata what the producer says
     * @param folder the documents found
     * @param created the package's creation time
     * @param software the software making the package (name, version)
     */
    public static Assembly assemble(
            SipMetadata metadata, DocumentFolder.Scan folder, OffsetDateTime created, Tt05SipSpec.Agent software) {
        List<Finding> problems = new ArrayList<>(folder.problems());
        matchFolder(metadata, folder, problems);

        Map<String, List<String>> hoSo = new LinkedHashMap<>(metadata.hoSo());
        String fileCode = first(hoSo, "fileCode");
        List<Map<String, List<String>>> documents = new ArrayList<>();
        int ordinal = 0;
        for (SipMetadata.Document d : metadata.documents()) {
            ordinal++;
            Map<String, List<String>> fields = new LinkedHashMap<>(d.fields());
            fields.putIfAbsent("docOrdinal", List.of(String.valueOf(ordinal)));
            if (fileCode != null) {
                fields.putIfAbsent("docCode", List.of(fileCode + "." + String.format("%07d", ordinal)));
            }
            for (String name : INHERITED) {
                if (hoSo.containsKey(name)) {
                    fields.putIfAbsent(name, hoSo.get(name));
                }
            }
            documents.add(fields);
        }
        hoSo.putIfAbsent("totalDoc", List.of(String.valueOf(documents.size())));
        pageSum(documents).ifPresent(pages -> hoSo.putIfAbsent("numberOfPage", List.of(String.valueOf(pages))));

        for (String name : Tt05Fields.hoSo()) {
            if (Tt05Fields.hoSoRequired().contains(name) && !hoSo.containsKey(name)) {
                problems.add(required("the hồ sơ", name, null));
            }
        }
        if (metadata.organisationName() == null) {
            problems.add(Finding.error(
                    "SIP_METADATA_FIELD_REQUIRED",
                    "the submitting organisation's name (organisation.name) is required (E-ARK SIP agent)",
                    null));
        }
        if (metadata.organisationCode() == null) {
            problems.add(Finding.error(
                    "SIP_METADATA_FIELD_REQUIRED",
                    "the submitting organisation's identification code (organisation.code, Mã định danh cơ quan) is"
                            + " required (E-ARK SIP agent)",
                    null));
        }
        for (int i = 0; i < documents.size(); i++) {
            for (String name : Tt05Fields.document()) {
                if (Tt05Fields.documentRequired().contains(name)
                        && !documents.get(i).containsKey(name)
                        && !(name.equals("docCode") && fileCode == null)) {
                    String file = path(metadata.documents().get(i).file());
                    problems.add(required("document " + file, name, file));
                }
            }
        }
        String objid = objid(metadata.objid(), problems);
        if (!problems.isEmpty()) {
            return new Assembly(Optional.empty(), problems);
        }

        List<Tt05SipSpec.Document> specDocuments = new ArrayList<>();
        Tika tika = new Tika();
        for (int i = 0; i < documents.size(); i++) {
            String path = path(metadata.documents().get(i).file());
            Path file = folder.files().get(path);
            specDocuments.add(new Tt05SipSpec.Document(
                    path,
                    SipSource.of(file),
                    mediaType(tika, file),
                    record("EAD_doc", documents.get(i), Tt05Fields.document(), problems, path)));
        }
        SipRecord hoSoRecord = record("simpledc", hoSo, Tt05Fields.hoSo(), problems, null);
        if (!problems.isEmpty()) {
            return new Assembly(Optional.empty(), problems);
        }
        Tt05SipSpec spec = Tt05SipSpec.of(
                objid,
                created,
                software,
                new Tt05SipSpec.Agent(metadata.organisationName(), metadata.organisationCode()),
                hoSoRecord,
                specDocuments);
        return new Assembly(Optional.of(spec), List.of());
    }

    /** Every listed document in the folder, every file of the folder listed, none listed twice. */
    private static void matchFolder(SipMetadata metadata, DocumentFolder.Scan folder, List<Finding> problems) {
        Map<String, SipMetadata.Document> listed = new LinkedHashMap<>();
        for (SipMetadata.Document d : metadata.documents()) {
            String path = path(d.file());
            if (listed.putIfAbsent(path, d) != null) {
                problems.add(Finding.error(
                        "SIP_DOCUMENT_LISTED_TWICE",
                        "the metadata lists " + path + " twice; each document is listed once",
                        path));
            } else if (!folder.files().containsKey(path)) {
                String near = folder.files().keySet().stream()
                        .filter(f -> f.equalsIgnoreCase(path))
                        .findFirst()
                        .map(f -> "; the folder has " + f + " (names are compared exactly)")
                        .orElse("");
                problems.add(Finding.error(
                        "SIP_DOCUMENT_NOT_IN_FOLDER",
                        "the metadata lists " + path + " but the documents folder has no such file" + near,
                        path));
            }
        }
        Set<String> unlisted = new LinkedHashSet<>(folder.files().keySet());
        unlisted.removeAll(listed.keySet());
        for (String path : unlisted) {
            problems.add(Finding.error(
                    "SIP_FILE_NOT_IN_METADATA",
                    path + " is in the documents folder but the metadata does not describe it; every file becomes a"
                            + " document, so list it or move it out",
                    path));
        }
    }

    /** The record with the fields in the profile's order; a value XML cannot carry is left out and is a problem. */
    private static SipRecord record(
            String root, Map<String, List<String>> fields, List<String> order, List<Finding> problems, String path) {
        List<SipRecord.Field> out = new ArrayList<>();
        for (String name : order) {
            for (String value : fields.getOrDefault(name, List.of())) {
                try {
                    out.add(new SipRecord.Field(name, value));
                } catch (IllegalArgumentException e) {
                    problems.add(Finding.error("SIP_METADATA_INVALID", e.getMessage(), path));
                }
            }
        }
        return new SipRecord(root, null, out);
    }

    /** The sum of the documents' numberOfPage, when every document gives a whole number. */
    private static Optional<Long> pageSum(List<Map<String, List<String>>> documents) {
        long sum = 0;
        for (Map<String, List<String>> d : documents) {
            String pages = first(d, "numberOfPage");
            if (pages == null || !pages.matches("[0-9]{1,9}")) {
                return Optional.empty();
            }
            sum += Long.parseLong(pages);
        }
        return documents.isEmpty() ? Optional.empty() : Optional.of(sum);
    }

    /** The OBJID given ({@code urn:uuid:} added to a bare UUID), or a new one. */
    private static String objid(String given, List<Finding> problems) {
        if (given == null) {
            return "urn:uuid:" + UUID.randomUUID();
        }
        String uuid = given.regionMatches(true, 0, "urn:uuid:", 0, 9) ? given.substring(9) : given;
        if (!UUID_TEXT.matcher(uuid).matches()) {
            problems.add(Finding.error(
                    "SIP_METADATA_INVALID",
                    "objid '" + given + "' is not urn:uuid:<uuid>; leave it out to have one made",
                    null));
            return null;
        }
        return "urn:uuid:" + uuid.toLowerCase(java.util.Locale.ROOT);
    }

    private static Finding required(String where, String name, String path) {
        String hint = (path == null ? HO_SO_HINTS : DOCUMENT_HINTS).get(name);
        String derived = hint == null ? "" : "; " + hint;
        return Finding.error(
                "SIP_METADATA_FIELD_REQUIRED",
                where + ": " + Tt05Fields.label(name) + " is required but missing" + derived,
                path);
    }

    private static String mediaType(Tika tika, Path file) {
        try {
            return tika.detect(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A document's path as the folder scan names it: NFC, '/' between segments (a Windows '\\' is read as '/'). */
    private static String path(String file) {
        return Normalizer.normalize(file.replace('\\', '/'), Normalizer.Form.NFC);
    }
}
