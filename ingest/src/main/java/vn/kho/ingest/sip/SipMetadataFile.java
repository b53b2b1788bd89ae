package vn.kho.ingest.sip;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.kho.ingest.tt05.Tt05Fields;
import vn.kho.repository.Finding;

/**
 * Reads the metadata file of {@code kho sip build}: UTF-8 JSON ({@code .json}) or CSV ({@code .csv}), with the TT05
 * field names of {@link Tt05Fields} exactly as Kho's readers use them.
 *
 * <p><b>JSON</b>: one object. Its members are the hồ sơ fields ({@code fileCode}, {@code title}, {@code maintenance},
 * …), plus {@code "objid"} (optional, {@code urn:uuid:<uuid>}), {@code "organisation": {"name": …, "code": …}} and
 * {@code "documents"}: an array with one object per document, whose {@code "file"} is the document's path in the
 * folder and whose other members are its {@code EAD_doc} fields ({@code typeName}, {@code subject}, …). A value is a
 * string, a number or a boolean (written as JSON writes it; codes such as {@code "01"} must be strings), an array of
 * those for a field that may repeat ({@code language}, {@code keyword}), or null for none. Duplicate members are an
 * error.
 *
 * <p><b>CSV</b>: comma-separated, a header row, then one row per document. Columns: {@code file} (the document's path
 * in the folder, required); the document's fields under their TT05 names; the hồ sơ fields as {@code hoSo.<field>}
 * ({@code hoSo.fileCode}, {@code hoSo.title}, …); {@code organisation.name}, {@code organisation.code} and
 * {@code objid}. A hồ sơ or package column may be filled on one row only or repeated, but not differ between rows.
 * An empty cell is no value; a cell holds one value ({@code language} may list several codes, as in {@code 01;02}).
 *
 * <p>Every problem is a finding: {@code SIP_METADATA_UNREADABLE} (not JSON or CSV, not UTF-8, not well-formed),
 * {@code SIP_METADATA_INVALID} (the wrong shape), {@code SIP_METADATA_FIELD_UNKNOWN} (a name that is no TT05 field,
 * usually a typo), {@code SIP_METADATA_FIELD_REPEATED} (several values for a field that occurs once).
 */
public final class SipMetadataFile {
    static final String FILE = "file";
    static final String OBJID = "objid";
    static final String ORGANISATION = "organisation";
    static final String DOCUMENTS = "documents";
    static final String HO_SO_PREFIX = "hoSo.";

    /**
     * What was read.
     *
     * @param metadata the metadata, or null when a problem kept it from being read
     * @param problems why the file cannot be used as it is; empty when it can
     */
    public record Read(SipMetadata metadata, List<Finding> problems) {
        public Read {
            problems = List.copyOf(problems);
        }
    }

    private final String name;
    private final List<Finding> problems = new ArrayList<>();

    private SipMetadataFile(String name) {
        this.name = name;
    }

    /** Reads {@code file}, as JSON or CSV by its extension. */
    public static Read read(Path file) {
        String name = file.getFileName().toString();
        SipMetadataFile reader = new SipMetadataFile(name);
        String lower = name.toLowerCase(Locale.ROOT);
        SipMetadata metadata = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            skipByteOrderMark(in);
            if (lower.endsWith(".json")) {
                metadata = reader.json(in);
            } else if (lower.endsWith(".csv")) {
                metadata = reader.csv(in);
            } else {
                reader.problem(
                        "SIP_METADATA_UNREADABLE",
                        "the name ends neither in .json nor in .csv; name the metadata file by its format");
            }
        } catch (CharacterCodingException e) {
            reader.problem("SIP_METADATA_UNREADABLE", "not UTF-8 text; save it as UTF-8");
        } catch (JsonProcessingException e) {
            reader.problem("SIP_METADATA_UNREADABLE", "not well-formed: " + e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            reader.problem("SIP_METADATA_UNREADABLE", "cannot be read: " + e);
        }
        return new Read(reader.problems.isEmpty() ? metadata : null, reader.problems);
    }

    // ---- JSON

    private SipMetadata json(Reader in) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root = mapper.readTree(in);
        if (root == null || !root.isObject()) {
            problem(
                    "SIP_METADATA_INVALID",
                    "expected one JSON object holding the hồ sơ fields, \"organisation\" and \"documents\"");
            return null;
        }
        String objid = null;
        String organisationName = null;
        String organisationCode = null;
        Map<String, List<String>> hoSo = new LinkedHashMap<>();
        List<SipMetadata.Document> documents = new ArrayList<>();
        boolean documentsGiven = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String key = member.getKey();
            JsonNode value = member.getValue();
            switch (key) {
                case OBJID -> objid = single(key, value);
                case ORGANISATION -> {
                    if (!value.isObject()) {
                        problem(
                                "SIP_METADATA_INVALID",
                                "\"organisation\" must be an object {\"name\": …, \"code\": …}");
                        continue;
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> o = value.fields(); o.hasNext(); ) {
                        Map.Entry<String, JsonNode> m = o.next();
                        switch (m.getKey()) {
                            case "name" -> organisationName = single("organisation.name", m.getValue());
                            case "code" -> organisationCode = single("organisation.code", m.getValue());
                            default ->
                                problem(
                                        "SIP_METADATA_FIELD_UNKNOWN",
                                        "\"organisation\" has \"" + m.getKey() + "\"; it takes \"name\" and \"code\"");
                        }
                    }
                }
                case DOCUMENTS -> {
                    documentsGiven = true;
                    if (!value.isArray()) {
                        problem("SIP_METADATA_INVALID", "\"documents\" must be an array with one object per document");
                        continue;
                    }
                    for (int i = 0; i < value.size(); i++) {
                        document(i + 1, value.get(i)).ifPresent(documents::add);
                    }
                }
                default -> field(key, Tt05Fields.hoSo(), "", value, hoSo);
            }
        }
        if (!documentsGiven) {
            problem("SIP_METADATA_INVALID", "no \"documents\" array; list every document of the folder there");
        }
        return new SipMetadata(objid, organisationName, organisationCode, hoSo, documents);
    }

    private Optional<SipMetadata.Document> document(int ordinal, JsonNode node) {
        String where = "documents[" + (ordinal - 1) + "]";
        if (!node.isObject()) {
            problem("SIP_METADATA_INVALID", where + ": must be an object with \"file\" and the document's fields");
            return Optional.empty();
        }
        String file = null;
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getKey().equals(FILE)) {
                file = single(where + ".file", member.getValue());
            } else {
                field(member.getKey(), Tt05Fields.document(), where, member.getValue(), fields);
            }
        }
        if (file == null || file.isBlank()) {
            problem("SIP_METADATA_INVALID", where + ": no \"file\", the document's path in the folder");
            return Optional.empty();
        }
        return Optional.of(new SipMetadata.Document(file.strip(), fields));
    }

    /** One TT05 field of a JSON object: a scalar, an array of scalars, or null. */
    private void field(String key, List<String> known, String where, JsonNode value, Map<String, List<String>> out) {
        if (!known.contains(key)) {
            unknown(key, known, where, known.equals(Tt05Fields.hoSo()) ? "hồ sơ" : "document");
            return;
        }
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode v : value) {
                if (!v.isValueNode() || v.isNull()) {
                    problem(
                            "SIP_METADATA_INVALID",
                            at(where) + "\"" + key + "\" must list strings, numbers or booleans");
                    return;
                }
                values.add(v.asText());
            }
        } else if (value.isValueNode()) {
            if (!value.isNull()) {
                values.add(value.asText());
            }
        } else {
            problem(
                    "SIP_METADATA_INVALID",
                    at(where) + "\"" + key + "\" must be a string, a number, a boolean or an array");
            return;
        }
        values = values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (values.size() > 1 && !Tt05Fields.repeatable(key)) {
            problem(
                    "SIP_METADATA_FIELD_REPEATED",
                    at(where) + Tt05Fields.label(key) + " has " + values.size() + " values; it takes one");
            return;
        }
        if (!values.isEmpty()) {
            out.put(key, values);
        }
    }

    private String single(String key, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            problem("SIP_METADATA_INVALID", "\"" + key + "\" must be a string");
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    // ---- CSV

    private SipMetadata csv(Reader in) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it =
                mapper.readerForListOf(String.class).readValues(in)) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
            }
        }
        if (rows.isEmpty()) {
            problem("SIP_METADATA_INVALID", "empty; it needs a header row and one row per document");
            return null;
        }
        List<String> header = rows.get(0).stream().map(String::strip).toList();
        if (!columns(header)) {
            return null;
        }
        Map<String, String> packageValues = new LinkedHashMap<>();
        Map<String, Integer> packageRows = new LinkedHashMap<>();
        List<SipMetadata.Document> documents = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String where = "row " + (r + 1);
            if (row.size() > header.size()) {
                problem(
                        "SIP_METADATA_INVALID",
                        where + " has " + row.size() + " cells but the header " + header.size());
                continue;
            }
            String file = null;
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (int c = 0; c < row.size(); c++) {
                String column = header.get(c);
                String value = row.get(c).strip();
                if (value.isEmpty()) {
                    continue;
                }
                if (column.equals(FILE)) {
                    file = value;
                } else if (isPackageColumn(column)) {
                    String before = packageValues.putIfAbsent(column, value);
                    packageRows.putIfAbsent(column, r + 1);
                    if (before != null && !before.equals(value)) {
                        problem(
                                "SIP_METADATA_INVALID",
                                where + ": " + column + " is '" + value + "' but row " + packageRows.get(column)
                                        + " gives '" + before + "'; a hồ sơ value is the same for every document");
                    }
                } else {
                    fields.put(column, List.of(value));
                }
            }
            if (file == null) {
                problem("SIP_METADATA_INVALID", where + " has no file: the document's path in the folder");
                continue;
            }
            documents.add(new SipMetadata.Document(file, fields));
        }
        if (documents.isEmpty() && problems.isEmpty()) {
            problem("SIP_METADATA_INVALID", "no document rows below the header");
        }
        Map<String, List<String>> hoSo = new LinkedHashMap<>();
        packageValues.forEach((column, value) -> {
            if (column.startsWith(HO_SO_PREFIX)) {
                hoSo.put(column.substring(HO_SO_PREFIX.length()), List.of(value));
            }
        });
        return new SipMetadata(
                packageValues.get(OBJID),
                packageValues.get("organisation.name"),
                packageValues.get("organisation.code"),
                hoSo,
                documents);
    }

    /** Checks the header; false when the rows cannot be read with it. */
    private boolean columns(List<String> header) {
        boolean usable = true;
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String column = header.get(c);
            if (column.isEmpty()) {
                problem("SIP_METADATA_INVALID", "column " + (c + 1) + " of the header has no name");
                usable = false;
            } else if (!seen.add(column)) {
                problem("SIP_METADATA_INVALID", "the header names column '" + column + "' twice");
                usable = false;
            } else if (column.startsWith(HO_SO_PREFIX)) {
                String field = column.substring(HO_SO_PREFIX.length());
                if (!Tt05Fields.hoSo().contains(field)) {
                    unknown(field, Tt05Fields.hoSo(), "column " + column, "hồ sơ");
                }
            } else if (!column.equals(FILE)
                    && !isPackageColumn(column)
                    && !Tt05Fields.document().contains(column)) {
                String hint = Tt05Fields.hoSo().contains(column)
                        ? " (a hồ sơ field is written " + HO_SO_PREFIX + column + ")"
                        : "";
                unknown(column, Tt05Fields.document(), "column " + column + hint, "document");
            }
        }
        if (!seen.contains(FILE)) {
            problem("SIP_METADATA_INVALID", "no 'file' column naming each row's document");
            usable = false;
        }
        return usable;
    }

    private static boolean isPackageColumn(String column) {
        return column.startsWith(HO_SO_PREFIX)
                || column.equals(OBJID)
                || column.equals("organisation.name")
                || column.equals("organisation.code");
    }

    // ---- problems

    private void unknown(String key, List<String> known, String where, String record) {
        String near = known.stream()
                .filter(k -> distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT)) <= 2)
                .findFirst()
                .map(k -> "; did you mean " + k + "?")
                .orElse("; the " + record + " fields are " + String.join(", ", known));
        problem("SIP_METADATA_FIELD_UNKNOWN", at(where) + "'" + key + "' is not a TT05 " + record + " field" + near);
    }

    /** Levenshtein distance, to suggest the field a typo meant. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String at(String where) {
        return where.isEmpty() ? "" : where + ": ";
    }

    private void problem(String code, String message) {
        problems.add(Finding.error(code, name + ": " + message, null));
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    private static void skipByteOrderMark(BufferedReader in) throws IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
    }
}
