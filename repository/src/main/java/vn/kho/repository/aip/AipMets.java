package vn.kho.repository.aip;

import static vn.kho.repository.premis.XmlDocuments.attr;
import static vn.kho.repository.premis.XmlDocuments.child;
import static vn.kho.repository.premis.XmlDocuments.childText;
import static vn.kho.repository.premis.XmlDocuments.children;
import static vn.kho.repository.premis.XmlDocuments.firstChild;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.kho.repository.AccessRegime;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.Finding;
import vn.kho.repository.InvalidPackageException;
import vn.kho.repository.KhoException;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.premis.PremisXml;
import vn.kho.repository.premis.XmlDocuments;
import vn.kho.repository.xml.SafeXml;

/**
 * Writes and reads the root {@code METS.xml} of a Kho AIP, following E-ARK CSIP 2.2 and the E-ARK AIP profile, so that
 * a package taken out of Kho is understood without Kho, and so that {@link #read} restores the exact
 * {@link PackageDescription} it was written from (storage is the source of truth; the index is rebuilt from this).
 *
 * <h2>What is written</h2>
 *
 * <ul>
 *   <li>{@code mets}: {@code OBJID} = {@link PackageId#urn()}, {@code TYPE="Mixed"}, {@code PROFILE} = {@link #PROFILE},
 *       {@code LABEL} = the title when there is one.
 *   <li>{@code metsHdr}: {@code CREATEDATE} = the package's created instant at {@code +07:00} (the offset TT05 asks
 *       for; the instant is unchanged), {@code RECORDSTATUS="NEW"}, {@code csip:OAISPACKAGETYPE="AIP"}; one agent
 *       {@code ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"} whose {@code name} is the agent string and whose
 *       {@code note csip:NOTETYPE="SOFTWARE VERSION"} is its trailing version token (or the whole string).
 *   <li>{@code dmdSec ID="DMD-DC"}: {@code mdWrap MDTYPE="DC"} holding Dublin Core terms ({@code dcterms:title},
 *       {@code dcterms:identifier} = fileCode, {@code dcterms:temporal} = the ISO 8601 interval of start–end dates when
 *       they convert ({@link Tt05Dates}), {@code dcterms:language} per code, {@code dcterms:accessRights} = the TT05
 *       mode code). This is the interoperable view; it is not read back.
 *   <li>{@code dmdSec ID="DMD-KHO"}: {@code mdWrap MDTYPE="OTHER" OTHERMDTYPE="KHO"} holding a {@code kho:package}
 *       element in {@link #KHO_NS}, the exact record {@link #read} restores:
 *       <pre>{@code
 * <kho:package format="TT05_SIP|BAGIT" version="1" access="PUBLIC|CONDITIONAL|CLASSIFIED|UNKNOWN">
 *   <kho:title/> <kho:identifier/> <kho:startDate/> <kho:endDate/> <kho:maintenance/>  (each only when not null)
 *   <kho:language/>*                                     (in order)
 *   <kho:field name="…"><kho:value>…</kho:value>*</kho:field>*   (every raw field, in order, values as submitted)
 *   <kho:mediaTypeUnknown file="F3"/>*                   (files whose media type was not identified)
 * </kho:package>
 * }</pre>
 *   <li>one {@code dmdSec} per file under {@code metadata/descriptive/} with an {@code mdRef} ({@code EAD.xml} of a
 *       TT05 SIP: {@code MDTYPE="OTHER" OTHERMDTYPE="TT05-EAD"}; {@code bag-info.txt}: {@code OTHERMDTYPE="BAGIT"});
 *       one {@code amdSec/techMD} per file under {@code metadata/technical/} (Kho's {@code JHOVE.xml}, the JHOVE report
 *       of every validated file: {@code MDTYPE="OTHER" OTHERMDTYPE="JHOVE"}) and one {@code amdSec/digiprovMD} per
 *       file under {@code metadata/preservation/} ({@code PREMIS.xml}: {@code MDTYPE="PREMIS"}). Every {@code mdRef} carries {@code LOCTYPE="URL"}, {@code xlink:type="simple"}, a
 *       relative percent-encoded {@code xlink:href}, {@code MIMETYPE}, {@code SIZE}, {@code CREATED},
 *       {@code CHECKSUM} and {@code CHECKSUMTYPE="SHA-256"}.
 *   <li>{@code fileSec} with one {@code fileGrp} per part, in this order: {@code Schemas}, {@code Documentation},
 *       {@code Representations/<rep>} (one per representation folder), {@code Submission} (the submitted package,
 *       byte for byte), {@code Other}; each {@code file} with {@code MIMETYPE} ({@code application/octet-stream} when
 *       unidentified), {@code SIZE}, {@code CREATED}, {@code CHECKSUM}, {@code CHECKSUMTYPE="SHA-256"} and an
 *       {@code FLocat LOCTYPE="URL" xlink:type="simple"} with the relative, percent-encoded path.
 *   <li>one {@code structMap TYPE="PHYSICAL" LABEL="CSIP"}: a root {@code div} labelled with the OBJID, holding a
 *       {@code Metadata} div ({@code DMDID}/{@code ADMID}) and one div per file group ({@code fptr} to the group; a
 *       representation with its own {@code METS.xml} is reached by an {@code mptr} to it, as CSIP asks).
 * </ul>
 *
 * <p>Each file and {@code mdRef} has the ID {@code F<n>}, n being its 1-based position in
 * {@link PackageDescription#files()}, so {@link #read} restores the order as well as the content. Identical files
 * are listed once per path.
 */
public final class AipMets {
    public static final String METS_NS = "http://www.loc.gov/METS/";
    public static final String CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
    public static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    public static final String DCTERMS_NS = "http://purl.org/dc/terms/";
    /** Kho's own small vocabulary for what Dublin Core cannot carry exactly (see the class comment). */
    public static final String KHO_NS = "https://kho.vn/ns/aip/1";

    public static final String PROFILE = "https://earkaip.dilcis.eu/profile/E-ARK-AIP-v2-2-0.xml";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final Pattern FILE_ID = Pattern.compile("F([1-9][0-9]*)");

    private AipMets() {}

    /**
     * Writes the AIP's root METS. {@code pkg.files()} lists every file of the AIP except this METS.xml (PREMIS.xml
     * included); {@code pkg.events()} are not written here (they live in PREMIS.xml). Throws
     * {@link InvalidPackageException} ({@code AIP_CHARACTER_UNREPRESENTABLE}) when a string holds a character XML cannot
     * carry. Does not close {@code out}.
     */
    public static void write(PackageDescription pkg, String agentName, OutputStream out) {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(agentName, "agentName");
        String created =
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(pkg.created().atOffset(VIETNAM));
        DescriptiveRecord d = pkg.descriptive();

        Document doc = XmlDocuments.newDocument();
        Element mets = child(doc, METS_NS, "mets:mets");
        mets.setAttributeNS(XMLNS, "xmlns:csip", CSIP_NS);
        mets.setAttributeNS(XMLNS, "xmlns:xlink", XLINK_NS);
        mets.setAttributeNS(XMLNS, "xmlns:xsi", XSI);
        mets.setAttributeNS(XMLNS, "xmlns:dcterms", DCTERMS_NS);
        mets.setAttributeNS(XMLNS, "xmlns:kho", KHO_NS);
        attr(mets, "OBJID", pkg.id().urn());
        attr(mets, "TYPE", "Mixed");
        attr(mets, "PROFILE", PROFILE);
        if (d.title() != null) {
            attr(mets, "LABEL", d.title());
        }
        attr(
                mets,
                XSI,
                "xsi:schemaLocation",
                METS_NS + " https://www.loc.gov/standards/mets/mets.xsd " + XLINK_NS
                        + " https://www.loc.gov/standards/mets/xlink.xsd");

        Element hdr = child(mets, METS_NS, "mets:metsHdr");
        attr(hdr, "CREATEDATE", created);
        attr(hdr, "RECORDSTATUS", "NEW");
        attr(hdr, CSIP_NS, "csip:OAISPACKAGETYPE", "AIP");
        Element agent = child(hdr, METS_NS, "mets:agent");
        attr(agent, "ROLE", "CREATOR");
        attr(agent, "TYPE", "OTHER");
        attr(agent, "OTHERTYPE", "SOFTWARE");
        child(agent, METS_NS, "mets:name", agentName);
        String version = PremisXml.agentVersion(agentName);
        Element note = child(agent, METS_NS, "mets:note", version == null ? agentName : version);
        attr(note, CSIP_NS, "csip:NOTETYPE", "SOFTWARE VERSION");

        writeDublinCore(mets, d, created);
        Set<String> unknownMediaTypes = new HashSet<>();
        for (int i = 0; i < pkg.files().size(); i++) {
            if (pkg.files().get(i).mediaType() == null) {
                unknownMediaTypes.add(fileId(i));
            }
        }
        writeKhoRecord(mets, pkg, created, unknownMediaTypes);

        // Sort the files into their CSIP places, keeping package order within each.
        List<String> dmdIds = new ArrayList<>(List.of("DMD-DC", "DMD-KHO"));
        List<Integer> digiprov = new ArrayList<>();
        List<Integer> technical = new ArrayList<>();
        Map<String, List<Integer>> groups = new TreeMap<>(AipMets::compareGroups);
        for (int i = 0; i < pkg.files().size(); i++) {
            String path = pkg.files().get(i).path();
            if (path.startsWith("metadata/descriptive/")) {
                Element dmd = child(mets, METS_NS, "mets:dmdSec");
                attr(dmd, "ID", "DMD-" + fileId(i));
                attr(dmd, "CREATED", created);
                attr(dmd, "STATUS", "CURRENT");
                writeMdRef(dmd, pkg, i, created);
                dmdIds.add("DMD-" + fileId(i));
            } else if (path.startsWith("metadata/preservation/")) {
                digiprov.add(i);
            } else if (path.startsWith("metadata/technical/")) {
                technical.add(i);
            } else {
                groups.computeIfAbsent(group(path), g -> new ArrayList<>()).add(i);
            }
        }
        List<String> amdIds = new ArrayList<>();
        if (!digiprov.isEmpty() || !technical.isEmpty()) {
            Element amd = child(mets, METS_NS, "mets:amdSec");
            attr(amd, "ID", "AMD");
            for (int i : technical) {
                Element tech = child(amd, METS_NS, "mets:techMD");
                attr(tech, "ID", "AMD-" + fileId(i));
                attr(tech, "CREATED", created);
                attr(tech, "STATUS", "CURRENT");
                writeMdRef(tech, pkg, i, created);
                amdIds.add("AMD-" + fileId(i));
            }
            for (int i : digiprov) {
                Element dp = child(amd, METS_NS, "mets:digiprovMD");
                attr(dp, "ID", "AMD-" + fileId(i));
                attr(dp, "CREATED", created);
                attr(dp, "STATUS", "CURRENT");
                writeMdRef(dp, pkg, i, created);
                amdIds.add("AMD-" + fileId(i));
            }
        }

        Map<String, String> groupIds = new LinkedHashMap<>();
        Element fileSec = child(mets, METS_NS, "mets:fileSec");
        attr(fileSec, "ID", "FILESEC");
        int g = 0;
        for (Map.Entry<String, List<Integer>> entry : groups.entrySet()) {
            Element grp = child(fileSec, METS_NS, "mets:fileGrp");
            String grpId = "FG" + (++g);
            groupIds.put(entry.getKey(), grpId);
            attr(grp, "ID", grpId);
            attr(grp, "USE", entry.getKey());
            for (int i : entry.getValue()) {
                PackageFile f = pkg.files().get(i);
                Element file = child(grp, METS_NS, "mets:file");
                attr(file, "ID", fileId(i));
                attr(file, "MIMETYPE", f.mediaType() == null ? OCTET_STREAM : f.mediaType());
                attr(file, "SIZE", Long.toString(f.size()));
                attr(file, "CREATED", created);
                attr(file, "CHECKSUM", f.sha256());
                attr(file, "CHECKSUMTYPE", "SHA-256");
                Element loc = child(file, METS_NS, "mets:FLocat");
                attr(loc, "LOCTYPE", "URL");
                attr(loc, XLINK_NS, "xlink:type", "simple");
                attr(loc, XLINK_NS, "xlink:href", UriPaths.encode(f.path()));
            }
        }

        Element structMap = child(mets, METS_NS, "mets:structMap");
        attr(structMap, "ID", "STRUCTMAP-CSIP");
        attr(structMap, "TYPE", "PHYSICAL");
        attr(structMap, "LABEL", "CSIP");
        Element rootDiv = child(structMap, METS_NS, "mets:div");
        attr(rootDiv, "ID", "DIV-ROOT");
        attr(rootDiv, "LABEL", pkg.id().urn());
        Element metadataDiv = child(rootDiv, METS_NS, "mets:div");
        attr(metadataDiv, "ID", "DIV-METADATA");
        attr(metadataDiv, "LABEL", "Metadata");
        attr(metadataDiv, "DMDID", String.join(" ", dmdIds));
        if (!amdIds.isEmpty()) {
            attr(metadataDiv, "ADMID", String.join(" ", amdIds));
        }
        for (Map.Entry<String, String> entry : groupIds.entrySet()) {
            Element div = child(rootDiv, METS_NS, "mets:div");
            attr(div, "ID", "DIV-" + entry.getValue());
            attr(div, "LABEL", entry.getKey());
            String repMets = entry.getKey().startsWith("Representations/")
                    ? "representations/" + entry.getKey().substring("Representations/".length()) + "/METS.xml"
                    : null;
            if (repMets != null && pkg.files().stream().anyMatch(f -> f.path().equals(repMets))) {
                Element mptr = child(div, METS_NS, "mets:mptr");
                attr(mptr, "LOCTYPE", "URL");
                attr(mptr, XLINK_NS, "xlink:type", "simple");
                attr(mptr, XLINK_NS, "xlink:href", UriPaths.encode(repMets));
                attr(mptr, XLINK_NS, "xlink:title", "Mets file describing representation");
            } else {
                Element fptr = child(div, METS_NS, "mets:fptr");
                attr(fptr, "FILEID", entry.getValue());
            }
        }
        XmlDocuments.write(doc, out);
    }

    private static void writeDublinCore(Element mets, DescriptiveRecord d, String created) {
        Element dmd = child(mets, METS_NS, "mets:dmdSec");
        attr(dmd, "ID", "DMD-DC");
        attr(dmd, "CREATED", created);
        attr(dmd, "STATUS", "CURRENT");
        Element wrap = child(dmd, METS_NS, "mets:mdWrap");
        attr(wrap, "MDTYPE", "DC");
        attr(wrap, "MIMETYPE", "text/xml");
        Element xml = child(wrap, METS_NS, "mets:xmlData");
        if (d.title() != null) {
            child(xml, DCTERMS_NS, "dcterms:title", d.title());
        }
        if (d.identifier() != null) {
            child(xml, DCTERMS_NS, "dcterms:identifier", d.identifier());
        }
        Tt05Dates.interval(d.startDate(), d.endDate()).ifPresent(t -> child(xml, DCTERMS_NS, "dcterms:temporal", t));
        for (String language : d.languages()) {
            child(xml, DCTERMS_NS, "dcterms:language", language);
        }
        if (d.access() != AccessRegime.UNKNOWN) {
            child(xml, DCTERMS_NS, "dcterms:accessRights", d.access().code());
        }
    }

    private static void writeKhoRecord(
            Element mets, PackageDescription pkg, String created, Set<String> unknownMediaTypes) {
        DescriptiveRecord d = pkg.descriptive();
        Element dmd = child(mets, METS_NS, "mets:dmdSec");
        attr(dmd, "ID", "DMD-KHO");
        attr(dmd, "CREATED", created);
        attr(dmd, "STATUS", "CURRENT");
        Element wrap = child(dmd, METS_NS, "mets:mdWrap");
        attr(wrap, "MDTYPE", "OTHER");
        attr(wrap, "OTHERMDTYPE", "KHO");
        attr(wrap, "MIMETYPE", "text/xml");
        Element xml = child(wrap, METS_NS, "mets:xmlData");
        Element rec = child(xml, KHO_NS, "kho:package");
        attr(rec, "format", pkg.format().name());
        attr(rec, "version", Integer.toString(pkg.version()));
        attr(rec, "access", d.access().name());
        optional(rec, "kho:title", d.title());
        optional(rec, "kho:identifier", d.identifier());
        optional(rec, "kho:startDate", d.startDate());
        optional(rec, "kho:endDate", d.endDate());
        optional(rec, "kho:maintenance", d.maintenance());
        for (String language : d.languages()) {
            child(rec, KHO_NS, "kho:language", language);
        }
        for (Map.Entry<String, List<String>> field : d.fields().entrySet()) {
            Element f = child(rec, KHO_NS, "kho:field");
            attr(f, "name", field.getKey());
            for (String value : field.getValue()) {
                child(f, KHO_NS, "kho:value", value);
            }
        }
        for (int i = 0; i < pkg.files().size(); i++) {
            if (unknownMediaTypes.contains(fileId(i))) {
                attr(child(rec, KHO_NS, "kho:mediaTypeUnknown"), "file", fileId(i));
            }
        }
    }

    private static void optional(Element parent, String name, String value) {
        if (value != null) {
            child(parent, KHO_NS, name, value);
        }
    }

    private static void writeMdRef(Element parent, PackageDescription pkg, int i, String created) {
        PackageFile f = pkg.files().get(i);
        Element ref = child(parent, METS_NS, "mets:mdRef");
        attr(ref, "ID", fileId(i));
        attr(ref, "LOCTYPE", "URL");
        attr(ref, XLINK_NS, "xlink:type", "simple");
        attr(ref, XLINK_NS, "xlink:href", UriPaths.encode(f.path()));
        String name = f.path().substring(f.path().lastIndexOf('/') + 1);
        if (name.equals("PREMIS.xml") && f.path().startsWith("metadata/preservation/")) {
            attr(ref, "MDTYPE", "PREMIS");
        } else if (name.equals("JHOVE.xml") && f.path().startsWith("metadata/technical/")) {
            attr(ref, "MDTYPE", "OTHER");
            attr(ref, "OTHERMDTYPE", "JHOVE");
        } else if (name.equals("EAD.xml") && pkg.format() == PackageFormat.TT05_SIP) {
            attr(ref, "MDTYPE", "OTHER");
            attr(ref, "OTHERMDTYPE", "TT05-EAD");
        } else if (name.equals("bag-info.txt")) {
            attr(ref, "MDTYPE", "OTHER");
            attr(ref, "OTHERMDTYPE", "BAGIT");
        } else {
            attr(ref, "MDTYPE", "OTHER");
        }
        attr(ref, "MIMETYPE", f.mediaType() == null ? OCTET_STREAM : f.mediaType());
        attr(ref, "SIZE", Long.toString(f.size()));
        attr(ref, "CREATED", created);
        attr(ref, "CHECKSUM", f.sha256());
        attr(ref, "CHECKSUMTYPE", "SHA-256");
    }

    /** The CSIP file group a (non-metadata) path belongs to. */
    static String group(String path) {
        if (path.startsWith("representations/")) {
            int end = path.indexOf('/', "representations/".length());
            if (end > "representations/".length()) {
                return "Representations/" + path.substring("representations/".length(), end);
            }
        } else if (path.startsWith("schemas/")) {
            return "Schemas";
        } else if (path.startsWith("documentation/")) {
            return "Documentation";
        } else if (path.startsWith("submission/")) {
            return "Submission";
        }
        return "Other";
    }

    private static int compareGroups(String a, String b) {
        int c = Integer.compare(groupRank(a), groupRank(b));
        return c != 0 ? c : a.compareTo(b);
    }

    private static int groupRank(String g) {
        if (g.equals("Schemas")) {
            return 0;
        } else if (g.equals("Documentation")) {
            return 1;
        } else if (g.startsWith("Representations/")) {
            return 2;
        } else if (g.equals("Submission")) {
            return 3;
        }
        return 4;
    }

    private static String fileId(int index) {
        return "F" + (index + 1);
    }

    /**
     * Restores the {@link PackageDescription} a METS written by {@link #write} describes, with {@code events} (read
     * from the package's PREMIS.xml by {@link PremisXml#read}) as its events. Throws {@link SafeXml.XmlRejected} for
     * XML that is not well-formed and {@link InvalidPackageException} ({@code AIP_METS_INVALID}) for a METS that is not
     * a Kho AIP METS or is inconsistent.
     */
    public static PackageDescription read(InputStream metsXml, List<PremisEvent> events) {
        Document doc = SafeXml.parse(metsXml);
        Element mets = doc.getDocumentElement();
        if (!METS_NS.equals(mets.getNamespaceURI()) || !"mets".equals(mets.getLocalName())) {
            throw invalid("root element is not mets:mets in " + METS_NS);
        }
        try {
            PackageId id = PackageId.parse(mets.getAttribute("OBJID"));
            Element hdr = firstChild(mets, METS_NS, "metsHdr");
            if (hdr == null) {
                throw invalid("no metsHdr");
            }
            Instant created =
                    OffsetDateTime.parse(hdr.getAttribute("CREATEDATE")).toInstant();
            Element rec = khoRecord(mets);
            PackageFormat format = PackageFormat.valueOf(rec.getAttribute("format"));
            int version = Integer.parseInt(rec.getAttribute("version"));
            AccessRegime access = AccessRegime.valueOf(rec.getAttribute("access"));
            List<String> languages = new ArrayList<>();
            for (Element l : children(rec, KHO_NS, "language")) {
                languages.add(l.getTextContent());
            }
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (Element f : children(rec, KHO_NS, "field")) {
                List<String> values = new ArrayList<>();
                for (Element v : children(f, KHO_NS, "value")) {
                    values.add(v.getTextContent());
                }
                if (fields.put(f.getAttribute("name"), values) != null) {
                    throw invalid("field " + f.getAttribute("name") + " appears twice");
                }
            }
            Set<String> unknownMediaTypes = new HashSet<>();
            for (Element u : children(rec, KHO_NS, "mediaTypeUnknown")) {
                unknownMediaTypes.add(u.getAttribute("file"));
            }
            DescriptiveRecord descriptive = new DescriptiveRecord(
                    childText(rec, KHO_NS, "title"),
                    childText(rec, KHO_NS, "identifier"),
                    childText(rec, KHO_NS, "startDate"),
                    childText(rec, KHO_NS, "endDate"),
                    childText(rec, KHO_NS, "maintenance"),
                    access,
                    languages,
                    fields);

            TreeMap<Integer, PackageFile> files = new TreeMap<>();
            List<Element> fileElements = new ArrayList<>();
            collectFileElements(mets, fileElements);
            collectFiles(fileElements, unknownMediaTypes, files);
            if (!files.isEmpty() && files.lastKey() != files.size()) {
                throw invalid("file IDs F1..F" + files.lastKey() + " have gaps");
            }
            return new PackageDescription(
                    id, version, format, created, descriptive, new ArrayList<>(files.values()), events);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw invalid(e.getMessage());
        } catch (InvalidPackageException e) {
            throw e;
        } catch (KhoException e) {
            throw invalid(e.getMessage());
        }
    }

    private static Element khoRecord(Element mets) {
        for (Element dmd : children(mets, METS_NS, "dmdSec")) {
            Element wrap = firstChild(dmd, METS_NS, "mdWrap");
            if (wrap != null && "KHO".equals(wrap.getAttribute("OTHERMDTYPE"))) {
                Element xml = firstChild(wrap, METS_NS, "xmlData");
                Element rec = xml == null ? null : firstChild(xml, KHO_NS, "package");
                if (rec != null) {
                    return rec;
                }
            }
        }
        throw invalid("no dmdSec with a kho:package record: not a METS written by Kho");
    }

    /** Every mets:mdRef and mets:file under {@code parent}, in one walk of the tree. */
    private static void collectFileElements(Element parent, List<Element> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && METS_NS.equals(e.getNamespaceURI())) {
                String name = e.getLocalName();
                if (name.equals("mdRef") || name.equals("file")) {
                    out.add(e);
                } else if (!name.equals("xmlData")) {
                    collectFileElements(e, out);
                }
            }
        }
    }

    private static void collectFiles(
            List<Element> elements, Set<String> unknownMediaTypes, Map<Integer, PackageFile> files) {
        for (Element e : elements) {
            boolean mdRef = e.getLocalName().equals("mdRef");
            Matcher m = FILE_ID.matcher(e.getAttribute("ID"));
            if (!m.matches()) {
                continue;
            }
            Node loc = mdRef ? e : firstChild(e, METS_NS, "FLocat");
            if (!(loc instanceof Element locElement) || !locElement.hasAttributeNS(XLINK_NS, "href")) {
                throw invalid(e.getAttribute("ID") + " has no xlink:href");
            }
            String path = UriPaths.decode(locElement.getAttributeNS(XLINK_NS, "href"));
            String mediaType = unknownMediaTypes.contains(e.getAttribute("ID")) ? null : e.getAttribute("MIMETYPE");
            PackageFile file = new PackageFile(
                    path,
                    Long.parseLong(e.getAttribute("SIZE")),
                    e.getAttribute("CHECKSUM").toLowerCase(Locale.ROOT),
                    mediaType);
            if (files.put(Integer.parseInt(m.group(1)), file) != null) {
                throw invalid("ID " + e.getAttribute("ID") + " is used twice");
            }
        }
    }

    private static InvalidPackageException invalid(String message) {
        return new InvalidPackageException(List.of(Finding.error("AIP_METS_INVALID", message, "METS.xml")));
    }
}
