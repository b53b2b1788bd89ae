package vn.kho.ingest.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a realistic TT05/2025 SIP (E-ARK CSIP 2.2 based) as a zip or a folder: root folder {@code urn_uuid_<uuid>/},
 * root {@code METS.xml} (OBJID, TYPE, PROFILE, metsHdr with a {@code +07:00} CREATEDATE and
 * {@code csip:OAISPACKAGETYPE="SIP"}, software and organisation agents, dmdSec mdRef to {@code EAD.xml}, fileSec with
 * SHA-256 CHECKSUM/SIZE/MIMETYPE/CREATED, a PHYSICAL/CSIP structMap with an mptr to the representation METS),
 * {@code metadata/descriptive/EAD.xml} ({@code <simpledc>} with Vietnamese values), {@code representations/rep1/METS.xml},
 * the documents in {@code representations/rep1/data/} (tiny valid PDF 1.4 by default) and one {@code EAD_doc} record
 * per document. Knobs break one thing at a time for tests. With {@link #id}, {@link #createdAt} and explicit documents
 * the output is byte-for-byte deterministic. Free of JUnit.
 *
 * <pre>{@code
 * Path zip = Tt05SipBuilder.create().mode("02").wrongChecksum(Tt05SipBuilder.dataPath("a.pdf"))
 *         .document("a.pdf", TinyPdf.bytes("A", "A")).writeZip(tmp.resolve("sip.zip"));
 * }</pre>
 */
public final class Tt05SipBuilder {
    public static final String PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-2-0.xml";
    public static final String SIMPLEDC_NS = "http://kho.vn/ns/tt05/simpledc";
    private static final String REP = "representations/rep1/";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

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
        return REP + "data/" + name;
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
        List<Document> docs = documents.isEmpty() ? defaultDocuments() : documents;
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<Ref> repData = new ArrayList<>();
        List<Ref> repDmd = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            Document d = docs.get(i);
            String seq = String.format("%07d", i + 1);
            out.put(dataPath(d.name()), d.content());
            repData.add(new Ref("file-rep1-" + seq, "data/" + d.name(), dataPath(d.name()), mimeType(d.name())));
            String eadDoc = REP + "metadata/descriptive/EAD_doc_" + seq + ".xml";
            out.put(eadDoc, eadDoc(d, i + 1).getBytes(StandardCharsets.UTF_8));
            repDmd.add(new Ref("dmd-doc-" + seq, "metadata/descriptive/EAD_doc_" + seq + ".xml", eadDoc, "text/xml"));
        }
        String repMets = REP + "METS.xml";
        out.put(repMets, representationMets(repData, repDmd, out).getBytes(StandardCharsets.UTF_8));
        List<Ref> dmd = new ArrayList<>();
        if (!withoutEad) {
            String ead = "metadata/descriptive/EAD.xml";
            out.put(ead, ead().getBytes(StandardCharsets.UTF_8));
            dmd.add(new Ref("dmd-ead", ead, ead, "text/xml"));
        }
        List<Ref> amd = new ArrayList<>();
        if (withPremis) {
            String premis = "metadata/preservation/PREMIS.xml";
            out.put(premis, premis().getBytes(StandardCharsets.UTF_8));
            amd.add(new Ref("digiprov-premis", premis, premis, "text/xml"));
        }
        List<Ref> extras = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, byte[]> e : extraFiles.entrySet()) {
            out.put(e.getKey(), e.getValue());
            extras.add(new Ref("file-extra-" + (++n), e.getKey(), e.getKey(), mimeType(e.getKey())));
        }
        String rootMets = rootMets(dmd, amd, extras, new Ref("file-rep1-mets", repMets, repMets, "text/xml"), out);
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        ordered.put("METS.xml", damage(rootMets).getBytes(StandardCharsets.UTF_8));
        ordered.putAll(out);
        ordered.putAll(unreferencedFiles);
        missing.forEach(ordered::remove);
        return Collections.unmodifiableMap(ordered);
    }

    /** Writes the SIP as a zip (streamed, entries under {@link #folderName()}) and returns {@code zipFile}. */
    public Path writeZip(Path zipFile) {
        Map<String, byte[]> files = files();
        String prefix = folderName().isEmpty() ? "" : folderName() + "/";
        FileTime time = FileTime.from(created.toInstant());
        try (OutputStream out = Files.newOutputStream(zipFile);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                ZipEntry entry = new ZipEntry(prefix + e.getKey());
                entry.setLastModifiedTime(time);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zipFile;
    }

    /** Writes the SIP unzipped into {@code parent/<folder name>} and returns that folder. */
    public Path writeDirectory(Path parent) {
        Path root = folderName().isEmpty() ? parent : parent.resolve(folderName());
        try {
            for (Map.Entry<String, byte[]> e : files().entrySet()) {
                Path file = root.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    // ---- the documents

    private record Ref(String id, String href, String sipPath, String mimeType) {}

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

    private String ead() {
        String ns = eadNamespace == null ? "" : " xmlns=\"" + eadNamespace + "\"";
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
        return record("simpledc", ns, edited(f, eadEdits));
    }

    private String eadDoc(Document d, int ordinal) {
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
        return record(
                docRoots.getOrDefault(ordinal, "EAD_doc"), "", edited(f, docEdits.getOrDefault(ordinal, Map.of())));
    }

    private static String record(String root, String namespaceAttribute, List<Map.Entry<String, String>> fields) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<")
                .append(root)
                .append(namespaceAttribute)
                .append(">\n");
        for (Map.Entry<String, String> field : fields) {
            element(x, field.getKey(), field.getValue());
        }
        return x.append("</").append(root).append(">\n").toString();
    }

    private String premis() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<premis:premis xmlns:premis=\"http://www.loc.gov/premis/v3\""
                + " version=\"3.0\">\n  <premis:object xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:type=\"premis:intellectualEntity\">\n    <premis:objectIdentifier>"
                + "<premis:objectIdentifierType>UUID</premis:objectIdentifierType><premis:objectIdentifierValue>"
                + esc(objid()) + "</premis:objectIdentifierValue></premis:objectIdentifier>\n  </premis:object>\n"
                + "</premis:premis>\n";
    }

    // ---- the METS files

    private String representationMets(List<Ref> data, List<Ref> dmd, Map<String, byte[]> files) {
        StringBuilder x = metsStart("rep1", "rep1");
        for (Ref r : dmd) {
            x.append("  <dmdSec ID=\"")
                    .append(r.id())
                    .append("\" CREATED=\"")
                    .append(time())
                    .append("\" STATUS=\"CURRENT\">\n");
            mdRef(x, r, "OTHER\" OTHERMDTYPE=\"EAD_doc", files);
            x.append("  </dmdSec>\n");
        }
        x.append("  <fileSec ID=\"filesec-rep1\">\n    <fileGrp ID=\"filegrp-rep1-data\" USE=\"Data\">\n");
        for (Ref r : data) {
            file(x, r, files);
        }
        x.append("    </fileGrp>\n  </fileSec>\n");
        x.append("  <structMap ID=\"structmap-rep1\" TYPE=\"PHYSICAL\" LABEL=\"CSIP\">\n")
                .append("    <div ID=\"div-rep1\" LABEL=\"rep1\">\n");
        if (!dmd.isEmpty()) {
            x.append("      <div ID=\"div-rep1-metadata\" LABEL=\"Metadata\" DMDID=\"")
                    .append(String.join(" ", dmd.stream().map(Ref::id).toList()))
                    .append("\"/>\n");
        }
        x.append("      <div ID=\"div-rep1-data\" LABEL=\"Data\">\n");
        for (Ref r : data) {
            x.append("        <fptr FILEID=\"").append(r.id()).append("\"/>\n");
        }
        return x.append("      </div>\n    </div>\n  </structMap>\n</mets>\n").toString();
    }

    private String rootMets(List<Ref> dmd, List<Ref> amd, List<Ref> extras, Ref repMets, Map<String, byte[]> files) {
        StringBuilder x = metsStart(objid(), title);
        for (Ref r : dmd) {
            x.append("  <dmdSec ID=\"")
                    .append(r.id())
                    .append("\" CREATED=\"")
                    .append(time())
                    .append("\" STATUS=\"CURRENT\">\n");
            mdRef(x, r, "OTHER\" OTHERMDTYPE=\"simpledc", files);
            x.append("  </dmdSec>\n");
        }
        if (!amd.isEmpty()) {
            x.append("  <amdSec ID=\"amd-1\">\n");
            for (Ref r : amd) {
                x.append("    <digiprovMD ID=\"").append(r.id()).append("\" STATUS=\"CURRENT\">\n");
                mdRef(x, r, "PREMIS", files);
                x.append("    </digiprovMD>\n");
            }
            x.append("  </amdSec>\n");
        }
        x.append("  <fileSec ID=\"filesec-root\">\n");
        if (!extras.isEmpty()) {
            x.append("    <fileGrp ID=\"filegrp-other\" USE=\"Documentation\">\n");
            for (Ref r : extras) {
                file(x, r, files);
            }
            x.append("    </fileGrp>\n");
        }
        x.append("    <fileGrp ID=\"filegrp-rep1\" USE=\"Representations/rep1\"")
                .append(" csip:CONTENTINFORMATIONTYPE=\"OTHER\" csip:OTHERCONTENTINFORMATIONTYPE=\"TT05\">\n");
        file(x, repMets, files);
        x.append("    </fileGrp>\n  </fileSec>\n");
        x.append("  <structMap ID=\"structmap-csip\" TYPE=\"PHYSICAL\" LABEL=\"CSIP\">\n")
                .append("    <div ID=\"div-root\" LABEL=\"")
                .append(esc(objid()))
                .append("\">\n");
        if (!dmd.isEmpty() || !amd.isEmpty()) {
            x.append("      <div ID=\"div-metadata\" LABEL=\"Metadata\"");
            if (!dmd.isEmpty()) {
                x.append(" DMDID=\"")
                        .append(String.join(" ", dmd.stream().map(Ref::id).toList()))
                        .append('"');
            }
            if (!amd.isEmpty()) {
                x.append(" ADMID=\"amd-1\"");
            }
            x.append("/>\n");
        }
        if (!extras.isEmpty()) {
            // CSIP116: the Documentation division points at the file group, not at its files.
            x.append("      <div ID=\"div-documentation\" LABEL=\"Documentation\">\n")
                    .append("        <fptr FILEID=\"filegrp-other\"/>\n")
                    .append("      </div>\n");
        }
        x.append("      <div ID=\"div-rep1\" LABEL=\"Representations/rep1\">\n")
                .append("        <mptr LOCTYPE=\"URL\" xlink:type=\"simple\" xlink:href=\"")
                .append(href(repMets.href()))
                .append("\" xlink:title=\"filegrp-rep1\"/>\n")
                .append("      </div>\n    </div>\n  </structMap>\n</mets>\n");
        return x.toString();
    }

    private StringBuilder metsStart(String objidValue, String label) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<mets xmlns=\"http://www.loc.gov/METS/\"")
                .append(" xmlns:csip=\"https://DILCIS.eu/XML/METS/CSIPExtensionMETS\"")
                .append(" xmlns:sip=\"https://DILCIS.eu/XML/METS/SIPExtensionMETS\"")
                .append(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" OBJID=\"")
                .append(esc(objidValue))
                .append("\" LABEL=\"")
                .append(esc(label))
                .append(
                        "\" TYPE=\"Mixed\" csip:CONTENTINFORMATIONTYPE=\"OTHER\" csip:OTHERCONTENTINFORMATIONTYPE=\"TT05\"")
                .append(" PROFILE=\"")
                .append(PROFILE)
                .append("\">\n");
        x.append("  <metsHdr CREATEDATE=\"")
                .append(time())
                .append("\" RECORDSTATUS=\"NEW\" csip:OAISPACKAGETYPE=\"SIP\">\n")
                .append("    <agent ROLE=\"CREATOR\" TYPE=\"OTHER\" OTHERTYPE=\"SOFTWARE\">\n")
                .append("      <name>")
                .append(doctypeMets ? "&xxe;" : "Kho test kit")
                .append("</name>\n      <note csip:NOTETYPE=\"SOFTWARE VERSION\">0.1.0</note>\n    </agent>\n")
                .append("    <agent ROLE=\"CREATOR\" TYPE=\"ORGANIZATION\">\n      <name>")
                .append(esc(organisation))
                .append("</name>\n      <note csip:NOTETYPE=\"IDENTIFICATIONCODE\">")
                .append(esc(organisationCode))
                .append("</note>\n    </agent>\n  </metsHdr>\n");
        return x;
    }

    private void mdRef(StringBuilder x, Ref r, String mdType, Map<String, byte[]> files) {
        byte[] content = files.get(r.sipPath());
        x.append("    <mdRef LOCTYPE=\"URL\" xlink:type=\"simple\" xlink:href=\"")
                .append(href(r.href()))
                .append("\" MDTYPE=\"")
                .append(mdType)
                .append("\" MIMETYPE=\"")
                .append(r.mimeType())
                .append("\" ")
                .append(fixity(r.sipPath(), content))
                .append("/>\n");
    }

    private void file(StringBuilder x, Ref r, Map<String, byte[]> files) {
        byte[] content = files.get(r.sipPath());
        x.append("      <file ID=\"")
                .append(r.id())
                .append("\" MIMETYPE=\"")
                .append(r.mimeType())
                .append("\" ")
                .append(fixity(r.sipPath(), content))
                .append(">\n        <FLocat LOCTYPE=\"URL\" xlink:type=\"simple\" xlink:href=\"")
                .append(href(r.href()))
                .append("\"/>\n      </file>\n");
    }

    private String fixity(String sipPath, byte[] content) {
        String sha256 = UnpackedTree.digest(content, "sha256");
        if (wrongChecksums.contains(sipPath)) {
            sha256 = UnpackedTree.digest(("not " + sipPath).getBytes(StandardCharsets.UTF_8), "sha256");
        }
        long size = content.length + (wrongSizes.contains(sipPath) ? 1 : 0);
        return "SIZE=\"" + size + "\" CREATED=\"" + time() + "\" CHECKSUM=\"" + sha256 + "\" CHECKSUMTYPE=\"SHA-256\"";
    }

    private String damage(String mets) {
        if (doctypeMets) {
            mets = mets.replaceFirst("\\?>\n", "?>\n<!DOCTYPE mets [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n");
        }
        if (malformedMets) {
            mets = mets.substring(0, mets.indexOf("<fileSec")) + "<fileSec ID=\"cut\"><fileGrp>\n";
        }
        return mets;
    }

    private String time() {
        return ISO.format(created);
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

    /** Hrefs are relative URLs: encode what a URL cannot hold raw, keep '/' and unreserved characters. */
    private static String href(String path) {
        StringBuilder s = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "/-._~".indexOf(c) >= 0) {
                s.append((char) c);
            } else {
                s.append('%').append(String.format("%02X", c));
            }
        }
        return s.toString();
    }

    private static void element(StringBuilder x, String name, String value) {
        x.append("  <")
                .append(name)
                .append('>')
                .append(esc(value))
                .append("</")
                .append(name)
                .append(">\n");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
