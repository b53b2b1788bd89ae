package vn.kho.ingest.sip;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a TT05/2025 SIP (E-ARK CSIP 2.2 / SIP 2.2 based) from a {@link Tt05SipSpec}: the root {@code METS.xml}
 * (OBJID, TYPE, PROFILE, a metsHdr with CREATEDATE and {@code csip:OAISPACKAGETYPE="SIP"}, the software and
 * organisation agents, a dmdSec mdRef to {@code EAD.xml}, an optional amdSec with PREMIS, a fileSec whose every file
 * has SHA-256 CHECKSUM, SIZE, MIMETYPE and CREATED, and a PHYSICAL/CSIP structMap with an mptr to the representation
 * METS), {@code metadata/descriptive/EAD.xml}, {@code representations/rep1/METS.xml} (its own dmdSecs, data fileGrp
 * and structMap), the documents in {@code representations/rep1/data/} and one document record per document in
 * {@code representations/rep1/metadata/descriptive/}.
 *
 * <p>Each file is hashed once, streamed; documents are never held in memory. The same spec gives the same bytes.
 */
public final class Tt05SipWriter {
    public static final String PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-2-0.xml";
    public static final String ROOT_METS = "METS.xml";
    public static final String EAD = "metadata/descriptive/EAD.xml";
    public static final String PREMIS = "metadata/preservation/PREMIS.xml";
    private static final String REP = "representations/rep1/";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /**
     * What the METS files declare about each file they reference. A producer declares the truth ({@link #TRUTH});
     * fixtures that must break one rule at a time declare something else.
     */
    @FunctionalInterface
    public interface Declaration {
        Declaration TRUTH = (path, actual) -> actual;

        /** The size and checksum to declare for the file at {@code path}, whose real ones are {@code actual}. */
        SipFixity declare(String path, SipFixity actual);
    }

    private record Ref(String id, String href, String sipPath, String mimeType) {}

    private final Tt05SipSpec spec;
    private final Declaration declaration;
    private final Map<String, SipSource> out = new LinkedHashMap<>();
    private final Map<String, SipFixity> fixities = new HashMap<>();

    private Tt05SipWriter(Tt05SipSpec spec, Declaration declaration) {
        this.spec = spec;
        this.declaration = declaration;
    }

    /** The package path of the document at {@code path} below the representation's data folder. */
    public static String dataPath(String path) {
        return REP + "data/" + path;
    }

    /** The package {@code spec} describes, every file declared as it is. */
    public static SipLayout layout(Tt05SipSpec spec) {
        return layout(spec, Declaration.TRUTH);
    }

    /** The package {@code spec} describes, with its METS files declaring what {@code declaration} says. */
    public static SipLayout layout(Tt05SipSpec spec, Declaration declaration) {
        return new Tt05SipWriter(spec, declaration).build();
    }

    private SipLayout build() {
        List<Ref> repData = new ArrayList<>();
        List<Ref> repDmd = new ArrayList<>();
        List<Tt05SipSpec.Document> documents = spec.documents();
        for (int i = 0; i < documents.size(); i++) {
            Tt05SipSpec.Document d = documents.get(i);
            String seq = String.format("%07d", i + 1);
            out.put(dataPath(d.path()), d.content());
            repData.add(new Ref("file-rep1-" + seq, "data/" + d.path(), dataPath(d.path()), d.mimeType()));
            String eadDoc = REP + "metadata/descriptive/EAD_doc_" + seq + ".xml";
            out.put(eadDoc, SipSource.utf8(record(d.record())));
            repDmd.add(new Ref("dmd-doc-" + seq, "metadata/descriptive/EAD_doc_" + seq + ".xml", eadDoc, "text/xml"));
        }
        String repMets = REP + "METS.xml";
        out.put(repMets, SipSource.utf8(representationMets(repData, repDmd)));
        List<Ref> dmd = new ArrayList<>();
        spec.hoSo().ifPresent(hoSo -> {
            out.put(EAD, SipSource.utf8(record(hoSo)));
            dmd.add(new Ref("dmd-ead", EAD, EAD, "text/xml"));
        });
        List<Ref> amd = new ArrayList<>();
        spec.premis().ifPresent(premis -> {
            out.put(PREMIS, premis);
            amd.add(new Ref("digiprov-premis", PREMIS, PREMIS, "text/xml"));
        });
        List<Ref> others = new ArrayList<>();
        int n = 0;
        for (Tt05SipSpec.OtherFile f : spec.otherFiles()) {
            out.put(f.path(), f.content());
            others.add(new Ref("file-extra-" + (++n), f.path(), f.path(), f.mimeType()));
        }
        String rootMets = rootMets(dmd, amd, others, new Ref("file-rep1-mets", repMets, repMets, "text/xml"));
        Map<String, SipSource> ordered = new LinkedHashMap<>();
        ordered.put(ROOT_METS, SipSource.utf8(rootMets));
        ordered.putAll(out);
        return new SipLayout(spec.rootFolder(), spec.created().toInstant(), ordered);
    }

    // ---- the metadata records

    private static String record(SipRecord record) {
        StringBuilder x =
                new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(record.rootElement());
        if (record.namespace() != null) {
            x.append(" xmlns=\"").append(esc(record.namespace())).append('"');
        }
        x.append(">\n");
        for (SipRecord.Field field : record.fields()) {
            x.append("  <")
                    .append(field.name())
                    .append('>')
                    .append(esc(field.value()))
                    .append("</")
                    .append(field.name())
                    .append(">\n");
        }
        return x.append("</").append(record.rootElement()).append(">\n").toString();
    }

    // ---- the METS files

    /** A current dmdSec referring to {@code r}, a record of the OTHERMDTYPE {@code otherType}. */
    private void dmdSec(StringBuilder x, Ref r, String otherType) {
        x.append("  <dmdSec ID=\"")
                .append(r.id())
                .append("\" CREATED=\"")
                .append(time())
                .append("\" STATUS=\"CURRENT\">\n");
        mdRef(x, r, "OTHER\" OTHERMDTYPE=\"" + otherType);
        x.append("  </dmdSec>\n");
    }

    private String representationMets(List<Ref> data, List<Ref> dmd) {
        StringBuilder x = metsStart("rep1", "rep1");
        for (Ref r : dmd) {
            dmdSec(x, r, "EAD_doc");
        }
        x.append("  <fileSec ID=\"filesec-rep1\">\n    <fileGrp ID=\"filegrp-rep1-data\" USE=\"Data\">\n");
        for (Ref r : data) {
            file(x, r);
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

    private String rootMets(List<Ref> dmd, List<Ref> amd, List<Ref> others, Ref repMets) {
        StringBuilder x = metsStart(spec.objid(), spec.label());
        for (Ref r : dmd) {
            dmdSec(x, r, "simpledc");
        }
        if (!amd.isEmpty()) {
            x.append("  <amdSec ID=\"amd-1\">\n");
            for (Ref r : amd) {
                x.append("    <digiprovMD ID=\"").append(r.id()).append("\" STATUS=\"CURRENT\">\n");
                mdRef(x, r, "PREMIS");
                x.append("    </digiprovMD>\n");
            }
            x.append("  </amdSec>\n");
        }
        x.append("  <fileSec ID=\"filesec-root\">\n");
        if (!others.isEmpty()) {
            x.append("    <fileGrp ID=\"filegrp-other\" USE=\"Documentation\">\n");
            for (Ref r : others) {
                file(x, r);
            }
            x.append("    </fileGrp>\n");
        }
        x.append("    <fileGrp ID=\"filegrp-rep1\" USE=\"Representations/rep1\"")
                .append(" csip:CONTENTINFORMATIONTYPE=\"OTHER\" csip:OTHERCONTENTINFORMATIONTYPE=\"TT05\">\n");
        file(x, repMets);
        x.append("    </fileGrp>\n  </fileSec>\n");
        x.append("  <structMap ID=\"structmap-csip\" TYPE=\"PHYSICAL\" LABEL=\"CSIP\">\n")
                .append("    <div ID=\"div-root\" LABEL=\"")
                .append(esc(spec.objid()))
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
        if (!others.isEmpty()) {
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
                .append(esc(spec.software().name()))
                .append("</name>\n      <note csip:NOTETYPE=\"SOFTWARE VERSION\">")
                .append(esc(spec.software().note()))
                .append("</note>\n    </agent>\n")
                .append("    <agent ROLE=\"CREATOR\" TYPE=\"ORGANIZATION\">\n      <name>")
                .append(esc(spec.organisation().name()))
                .append("</name>\n      <note csip:NOTETYPE=\"IDENTIFICATIONCODE\">")
                .append(esc(spec.organisation().note()))
                .append("</note>\n    </agent>\n  </metsHdr>\n");
        return x;
    }

    private void mdRef(StringBuilder x, Ref r, String mdType) {
        x.append("    <mdRef LOCTYPE=\"URL\" xlink:type=\"simple\" xlink:href=\"")
                .append(href(r.href()))
                .append("\" MDTYPE=\"")
                .append(mdType)
                .append("\" MIMETYPE=\"")
                .append(esc(r.mimeType()))
                .append("\" ")
                .append(fixity(r.sipPath()))
                .append("/>\n");
    }

    private void file(StringBuilder x, Ref r) {
        x.append("      <file ID=\"")
                .append(r.id())
                .append("\" MIMETYPE=\"")
                .append(esc(r.mimeType()))
                .append("\" ")
                .append(fixity(r.sipPath()))
                .append(">\n        <FLocat LOCTYPE=\"URL\" xlink:type=\"simple\" xlink:href=\"")
                .append(href(r.href()))
                .append("\"/>\n      </file>\n");
    }

    private String fixity(String sipPath) {
        SipFixity actual = fixities.computeIfAbsent(sipPath, p -> SipFixity.of(out.get(p)));
        SipFixity declared = declaration.declare(sipPath, actual);
        return "SIZE=\"" + declared.size() + "\" CREATED=\"" + time() + "\" CHECKSUM=\"" + declared.sha256()
                + "\" CHECKSUMTYPE=\"SHA-256\"";
    }

    private String time() {
        return ISO.format(spec.created());
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

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
