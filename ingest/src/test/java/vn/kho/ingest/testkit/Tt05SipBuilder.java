package vn.kho.ingest.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import vn.kho.ingest.sip.SipFixity;
import vn.kho.ingest.sip.SipLayout;
import vn.kho.ingest.sip.SipRecord;
import vn.kho.ingest.sip.SipSource;
import vn.kho.ingest.sip.Tt05SipSpec;
import vn.kho.ingest.sip.Tt05SipWriter;

/**
 * Writes a realistic TT05/2025 SIP (E-ARK CSIP 2.2 based) as a zip or a folder, with Kho's own writer
 * ({@link Tt05SipWriter}, which the producer tool {@code kho sip build} uses too): root folder {@code urn_uuid_<uuid>/},
 * root {@code METS.xml}, {@code metadata/descriptive/EAD.xml} ({@code <simpledc>} with Vietnamese values),
 * {@code representations/rep1/METS.xml}, the documents in {@code representations/rep1/data/} (tiny valid PDF 1.4 by
 * default) and one {@code EAD_doc} record per document. This class adds realistic default values and the knobs that
 * break one thing at a time for tests: records edited field by field, METS that declares a wrong checksum or size,
 * files missing or unreferenced, a malformed or DOCTYPE-carrying root METS. With {@link #id}, {@link #createdAt} and
 * explicit documents the output is byte-for-byte deterministic. Free of JUnit.
 *
 * <pre>{@code
 * Path zip = Tt05SipBuilder.create().mode("02").wrongChecksum(Tt05SipBuilder.dataPath("a.pdf"))
 *         .document("a.pdf", TinyPdf.bytes("A", "A")).writeZip(tmp.resolve("sip.zip"));
 * }</pre>
 */
public final class Tt05SipBuilder {
    public static final String PROFILE = Tt05SipWriter.PROFILE;
    public static final String SIMPLEDC_NS = "http://kho.vn/ns/tt05/simpledc";

    private record Document(String name, byte[] content, String subject) {}

    private UUID uuid = UUID.randomUUID();
    private String objid;
    private String rootFolder;
    private OffsetDateTime created = OffsetDateTime.now(ZoneOffset.ofHours(7)).truncatedTo(ChronoUnit.SECONDS);
    private String title = "Hồ sơ Hội nghị tổng kết công tác năm 2024 của Sở Nội vụ";
    private String fileCode = "000.00.00.H30.2024.01";
    private String mode = "01";
    private String maintenance = "01";
    private List<String> languages = List.of("01");
    private String organisation = "Sở Nội vụ tỉnh Nam Định";
    private String organisationCode = "000.00.00.H30";
    private String eadNamespace;
    private final List<Document> documents = new ArrayList<>();
    private final Map<String, byte[]> extraFiles = new LinkedHashMap<>();
    private final Map<String, byte[]> unreferencedFiles = new LinkedHashMap<>();
    private final Set<String> wrongChecksums = new HashSet<>();
    private final Set<String> wrongSizes = new HashSet<>();
    private final Set<String> missing = new HashSet<>();
    private boolean malformedMets;
    private boolean doctypeMets;
    private boolean withoutEad;
    private boolean withPremis;

    private Tt05SipBuilder() {}

    public static Tt05SipBuilder create() {
        return new Tt05SipBuilder();
    }

    /** The SIP path of a document added with {@link #document}: {@code representations/rep1/data/<name>}. */
    public static String dataPath(String name) {
        return Tt05SipWriter.dataPath(name);
    }

    /** The package id; OBJID becomes {@code urn:uuid:<id>} and the folder {@code urn_uuid_<id>}. */
    public Tt05SipBuilder id(UUID id) {
        this.uuid = Objects.requireNonNull(id);
        return this;
    }

    /** Writes this exact OBJID (valid or not); the folder name follows it with ':' → '_' unless set. */
    public Tt05SipBuilder objid(String objid) {
        this.objid = objid;
        return this;
    }

    /** The zip's root folder name; "" writes the package at the zip root. */
    public Tt05SipBuilder rootFolder(String name) {
        this.rootFolder = name;
        return this;
    }

    public Tt05SipBuilder createdAt(OffsetDateTime created) {
        this.created = created.truncatedTo(ChronoUnit.SECONDS);
        return this;
    }

    public Tt05SipBuilder title(String title) {
        this.title = title;
        return this;
    }

    public Tt05SipBuilder fileCode(String fileCode) {
        this.fileCode = fileCode;
        return this;
    }

    /** The mode code (chế độ sử dụng), e.g. 01, 02, 03; null leaves {@code <mode>} out. */
    public Tt05SipBuilder mode(String mode) {
        this.mode = mode;
        return this;
    }

    public Tt05SipBuilder maintenance(String maintenance) {
        this.maintenance = maintenance;
        return this;
    }

    public Tt05SipBuilder languages(String... codes) {
        this.languages = List.of(codes);
        return this;
    }

    public Tt05SipBuilder organisation(String name, String agencyCode) {
        this.organisation = name;
        this.organisationCode = agencyCode;
        return this;
    }

    /** Writes EAD.xml's elements in this namespace (default: no namespace). */
    public Tt05SipBuilder eadNamespace(String namespace) {
        this.eadNamespace = namespace;
        return this;
    }

    /** Adds a document to representations/rep1/data (replacing the two default PDFs). */
    public Tt05SipBuilder document(String name, byte[] content) {
        return document(name, content, name);
    }

    public Tt05SipBuilder document(String name, byte[] content, String subject) {
        documents.add(new Document(name, content.clone(), subject));
        return this;
    }

    /** An extra file at {@code path} (outside representations/rep1), referenced from the root METS fileSec. */
    public Tt05SipBuilder extraFile(String path, byte[] content) {
        extraFiles.put(path, content.clone());
        return this;
    }

    /** A file at {@code path} that is written but that no METS references. */
    public Tt05SipBuilder unreferencedFile(String path, byte[] content) {
        unreferencedFiles.put(path, content.clone());
        return this;
    }

    /** The METS reference to {@code path} declares a wrong SHA-256. */
    public Tt05SipBuilder wrongChecksum(String path) {
        wrongChecksums.add(path);
        return this;
    }

    /** The METS reference to {@code path} declares a size one byte too large. */
    public Tt05SipBuilder wrongSize(String path) {
        wrongSizes.add(path);
        return this;
    }

    /** The file at {@code path} is referenced by METS but not written. */
    public Tt05SipBuilder missingFile(String path) {
        missing.add(path);
        return this;
    }

    /** The root METS.xml is cut short, so it is not well-formed XML. */
    public Tt05SipBuilder malformedMets() {
        this.malformedMets = true;
        return this;
    }

    /** The root METS.xml declares a DOCTYPE with an external entity (an XXE attempt). */
    public Tt05SipBuilder metsWithDoctype() {
        this.doctypeMets = true;
        return this;
    }

    /** Leaves metadata/descriptive/EAD.xml out (and out of METS). */
    public Tt05SipBuilder withoutEad() {
        this.withoutEad = true;
        return this;
    }

    /** Adds metadata/preservation/PREMIS.xml (optional in a SIP), referenced from an amdSec. */
    public Tt05SipBuilder withPremis() {
        this.withPremis = true;
        return this;
    }

    // ---- TT05 metadata fields: set, repeat or leave out any element of the hồ sơ record (EAD.xml) or of one
    // document record (EAD_doc_<seq>.xml), to break one metadata rule at a time. Applied after the defaults above.

    private final Map<String, List<String>> eadEdits = new LinkedHashMap<>();
    private final Map<Integer, Map<String, List<String>>> docEdits = new HashMap<>();
    private final Map<Integer, String> docRoots = new HashMap<>();

    /**
     * Writes {@code <field>} in EAD.xml with these values (one element each), in place of the default; a field the
     * builder does not write by default is added at the end. No value leaves the element out.
     */
    public Tt05SipBuilder ead(String field, String... values) {
        eadEdits.put(Objects.requireNonNull(field), List.of(values));
        return this;
    }

    /** Leaves {@code <field>} out of EAD.xml. */
    public Tt05SipBuilder withoutEadField(String field) {
        return ead(field);
    }

    /**
     * Writes {@code <field>} in the record of document {@code ordinal} (1 = the first document) with these values,
     * in place of the default; no value leaves it out.
     */
    public Tt05SipBuilder docField(int ordinal, String field, String... values) {
        docEdits.computeIfAbsent(ordinal, k -> new LinkedHashMap<>())
                .put(Objects.requireNonNull(field), List.of(values));
        return this;
    }

    /** Leaves {@code <field>} out of the record of document {@code ordinal}. */
    public Tt05SipBuilder withoutDocField(int ordinal, String field) {
        return docField(ordinal, field);
    }

    /** Writes the record of document {@code ordinal} with this root element, e.g. {@code EAD_pic} for a photo. */
    public Tt05SipBuilder docRecordRoot(int ordinal, String rootElement) {
        docRoots.put(ordinal, Objects.requireNonNull(rootElement));
        return this;
    }

    /** {@code defaults} (name, value pairs in order) with {@code edits} applied: each edited name's values replace all
     * of its default elements, at the place of the first; names not among the defaults go at the end. */
    private static List<Map.Entry<String, String>> edited(
            List<Map.Entry<String, String>> defaults, Map<String, List<String>> edits) {
        List<Map.Entry<String, String>> out = new ArrayList<>(defaults);
        for (Map.Entry<String, List<String>> edit : edits.entrySet()) {
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).getKey().equals(edit.getKey())) {
                    at = at < 0 ? i : at;
                }
            }
            out.removeIf(e -> e.getKey().equals(edit.getKey()));
            at = at < 0 ? out.size() : at;
            for (String value : edit.getValue()) {
                out.add(at++, Map.entry(edit.getKey(), value));
            }
        }
        return out;
    }

    public String objid() {
        return objid != null ? objid : "urn:uuid:" + uuid;
    }

    public String folderName() {
        return rootFolder != null ? rootFolder : objid().replace(':', '_');
    }

    /** Every file of the package by its SIP path, in zip order (files made missing are left out). */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        layout().files().forEach((path, content) -> files.put(path, content.readAllBytes()));
        return Collections.unmodifiableMap(files);
    }

    /** Writes the SIP as a zip (streamed, entries under {@link #folderName()}) and returns {@code zipFile}. */
    public Path writeZip(Path zipFile) {
        return layout().writeZip(zipFile);
    }

    /** Writes the SIP unzipped into {@code parent/<folder name>} and returns that folder. */
    public Path writeDirectory(Path parent) {
        return layout().writeDirectory(parent);
    }

    /** The package Kho's own writer makes of this builder's spec, with the knobs' damage done on top. */
    private SipLayout layout() {
        SipLayout layout = Tt05SipWriter.layout(
                spec(),
                (path, actual) -> new SipFixity(
                        actual.size() + (wrongSizes.contains(path) ? 1 : 0),
                        wrongChecksums.contains(path)
                                ? UnpackedTree.digest(("not " + path).getBytes(StandardCharsets.UTF_8), "sha256")
                                : actual.sha256()));
        String mets = new String(layout.files().get(Tt05SipWriter.ROOT_METS).readAllBytes(), StandardCharsets.UTF_8);
        layout = layout.withFile(Tt05SipWriter.ROOT_METS, SipSource.utf8(damage(mets)));
        for (Map.Entry<String, byte[]> e : unreferencedFiles.entrySet()) {
            layout = layout.withFile(e.getKey(), SipSource.of(e.getValue()));
        }
        for (String path : missing) {
            layout = layout.withoutFile(path);
        }
        return layout;
    }

    private Tt05SipSpec spec() {
        List<Document> docs = documents.isEmpty() ? defaultDocuments() : documents;
        List<Tt05SipSpec.Document> specDocuments = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            Document d = docs.get(i);
            specDocuments.add(new Tt05SipSpec.Document(
                    d.name(),
                    SipSource.of(d.content()),
                    mimeType(d.name()),
                    new SipRecord(
                            docRoots.getOrDefault(i + 1, "EAD_doc"),
                            null,
                            fields(edited(eadDoc(d, i + 1), docEdits.getOrDefault(i + 1, Map.of()))))));
        }
        List<Tt05SipSpec.OtherFile> others = new ArrayList<>();
        extraFiles.forEach(
                (path, content) -> others.add(new Tt05SipSpec.OtherFile(path, SipSource.of(content), mimeType(path))));
        return new Tt05SipSpec(
                objid(),
                folderName(),
                created,
                new Tt05SipSpec.Agent("Kho test kit", "0.1.0"),
                new Tt05SipSpec.Agent(organisation, organisationCode),
                title,
                withoutEad
                        ? Optional.empty()
                        : Optional.of(new SipRecord("simpledc", eadNamespace, fields(edited(ead(), eadEdits)))),
                specDocuments,
                others,
                withPremis ? Optional.of(SipSource.utf8(premis())) : Optional.empty());
    }

    private static List<SipRecord.Field> fields(List<Map.Entry<String, String>> entries) {
        return entries.stream()
                .map(e -> new SipRecord.Field(e.getKey(), e.getValue()))
                .toList();
    }

    // ---- the default records

    private List<Document> defaultDocuments() {
        return List.of(
                new Document(
                        fileCode + ".0000001.001.pdf",
                        TinyPdf.bytes("Kế hoạch tổ chức Hội nghị tổng kết", "Ke hoach to chuc Hoi nghi tong ket 2024"),
                        "Kế hoạch tổ chức Hội nghị tổng kết công tác năm 2024"),
                new Document(
                        fileCode + ".0000002.001.pdf",
                        TinyPdf.bytes("Báo cáo tổng kết công tác năm 2024", "Bao cao tong ket cong tac nam 2024"),
                        "Báo cáo tổng kết công tác năm 2024 và phương hướng năm 2025"));
    }

    private List<Map.Entry<String, String>> ead() {
        List<Map.Entry<String, String>> f = new ArrayList<>();
        f.add(Map.entry("fileCode", fileCode));
        f.add(Map.entry("title", title));
        f.add(Map.entry("maintenance", maintenance));
        if (mode != null) {
            f.add(Map.entry("mode", mode));
        }
        for (String language : languages) {
            f.add(Map.entry("language", language));
        }
        f.add(Map.entry("startDate", "02/01/2024"));
        f.add(Map.entry("endDate", "28/12/2024"));
        f.add(Map.entry("keyword", "tổng kết; hội nghị"));
        f.add(Map.entry("totalDoc", String.valueOf(documents.isEmpty() ? 2 : documents.size())));
        f.add(Map.entry("numberOfPage", String.valueOf(documents.isEmpty() ? 2 : documents.size())));
        f.add(Map.entry("format", "01"));
        f.add(Map.entry("confidenceLevel", "01"));
        f.add(Map.entry("description", "Hồ sơ gồm kế hoạch và báo cáo của " + organisation));
        return f;
    }

    private List<Map.Entry<String, String>> eadDoc(Document d, int ordinal) {
        String seq = String.format("%07d", ordinal);
        List<Map.Entry<String, String>> f = new ArrayList<>();
        f.add(Map.entry("docId", organisationCode + ".24." + ordinal));
        f.add(Map.entry("docCode", fileCode + "." + seq));
        f.add(Map.entry("docOrdinal", String.valueOf(ordinal)));
        f.add(Map.entry("maintenance", maintenance));
        f.add(Map.entry("typeName", ordinal == 1 ? "07" : "22"));
        f.add(Map.entry("codeNumber", String.valueOf(10 + ordinal)));
        f.add(Map.entry("codeNotation", "KH-SNV"));
        f.add(Map.entry("issuedDate", String.format("%02d/12/2024", ordinal)));
        f.add(Map.entry("organName", organisation));
        f.add(Map.entry("subject", d.subject()));
        f.add(Map.entry("language", "01"));
        f.add(Map.entry("numberOfPage", "1"));
        if (mode != null) {
            f.add(Map.entry("mode", mode));
        }
        f.add(Map.entry("confidenceLevel", "01"));
        f.add(Map.entry("process", "true"));
        return f;
    }

    private String premis() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<premis:premis xmlns:premis=\"http://www.loc.gov/premis/v3\""
                + " version=\"3.0\">\n  <premis:object xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:type=\"premis:intellectualEntity\">\n    <premis:objectIdentifier>"
                + "<premis:objectIdentifierType>UUID</premis:objectIdentifierType><premis:objectIdentifierValue>"
                + esc(objid()) + "</premis:objectIdentifierValue></premis:objectIdentifier>\n  </premis:object>\n"
                + "</premis:premis>\n";
    }

    /** The root METS with the damage the knobs ask for. */
    private String damage(String mets) {
        if (doctypeMets) {
            mets = mets.replaceFirst("\\?>\n", "?>\n<!DOCTYPE mets [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n")
                    .replace("<name>Kho test kit</name>", "<name>&xxe;</name>");
        }
        if (malformedMets) {
            mets = mets.substring(0, mets.indexOf("<fileSec")) + "<fileSec ID=\"cut\"><fileGrp>\n";
        }
        return mets;
    }

    private static String mimeType(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (lower.endsWith(".xml") || lower.endsWith(".xsd")) {
            return "text/xml";
        }
        if (lower.endsWith(".txt")) {
            return "text/plain";
        }
        return "application/octet-stream";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
