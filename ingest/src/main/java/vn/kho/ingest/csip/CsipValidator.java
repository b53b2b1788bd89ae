package vn.kho.ingest.csip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.kho.ingest.PackageRoot;
import vn.kho.ingest.tt05.MetsHrefs;
import vn.kho.ingest.unpack.UnpackedFile;
import vn.kho.repository.Finding;
import vn.kho.repository.xml.SafeXml;

/**
 * Checks a package that declares E-ARK CSIP against the CSIP 2.2 and E-ARK SIP 2.2 requirements, reporting each
 * finding with the requirement id it is about, as E-ARK's reference validator (commons-ip) numbers them. A broken MUST
 * is an {@code ERROR}, a broken SHOULD a {@code WARNING}, a MAY is not checked. A package whose {@code PROFILE} names
 * an older version (CSIP / SIP 2.0.x, 2.1.x) gets the same checks, but what only 2.2 demands is a warning.
 *
 * <p>How a package is recognised as CSIP is described on {@link CsipDeclaration}: an E-ARK {@code PROFILE}, the CSIP
 * extension namespace, or a structMap labelled CSIP in the root {@code METS.xml}. The METS files checked are the root
 * {@code METS.xml}, every METS an {@code mptr} points to, and every {@code representations/<rep>/METS.xml}. Whether
 * declared checksums and sizes match the files is not checked here (the TT05 reader does it); their presence and form
 * are.
 *
 * <table>
 *   <caption>Requirements checked</caption>
 *   <tr><th>ids</th><th>what</th></tr>
 *   <tr><td>CSIP0</td><td>every METS file is schema-valid against METS 1.12, XLink and the CSIP/SIP extension
 *       schemas (bundled; see {@code schemas/README.md}); also: well-formed, no DOCTYPE</td></tr>
 *   <tr><td>CSIPSTR1, 2, 4, 5, 9, 11, 12, 13, 15</td><td>one root folder (named after OBJID, ':' may be '_'),
 *       METS.xml, metadata, representations with data / METS.xml / metadata, schemas in schemas folders</td></tr>
 *   <tr><td>CSIPSTR6, 7</td><td>preservation and descriptive metadata files in metadata/preservation and
 *       metadata/descriptive</td></tr>
 *   <tr><td>CSIP1-CSIP4, CSIP6</td><td>mets/@OBJID (a representation's = its folder), @TYPE from the content
 *       category vocabulary, csip:OTHERTYPE, csip:CONTENTINFORMATIONTYPE, @PROFILE</td></tr>
 *   <tr><td>CSIP117, CSIP7, CSIP9-CSIP16</td><td>metsHdr, @CREATEDATE, csip:OAISPACKAGETYPE (on metsHdr), the
 *       software agent with its name and SOFTWARE VERSION note</td></tr>
 *   <tr><td>CSIP17-CSIP30</td><td>dmdSec: @ID, @CREATED, @STATUS, mdRef with LOCTYPE, xlink:type, href, MDTYPE,
 *       MIMETYPE, SIZE, CREATED, CHECKSUM (form), CHECKSUMTYPE</td></tr>
 *   <tr><td>CSIP31-CSIP44, CSIP46-CSIP57</td><td>one amdSec; digiprovMD and rightsMD with the same</td></tr>
 *   <tr><td>CSIP58-CSIP60, CSIP62, CSIP64-CSIP72, CSIP76-CSIP79, CSIP113, CSIP114</td><td>fileSec/@ID, fileGrp
 *       USE/ID/content information type, Documentation / Schemas / Representations/&lt;rep&gt; groups where the
 *       folders hold files, file ID/MIMETYPE/SIZE/CREATED/CHECKSUM/CHECKSUMTYPE, FLocat LOCTYPE/xlink:type/href</td></tr>
 *   <tr><td>CSIP66</td><td>also: every file of the package is described by some METS</td></tr>
 *   <tr><td>CSIP80-CSIP85, CSIP88-CSIP119</td><td>the PHYSICAL structMap labelled CSIP, its one division, the
 *       Metadata, Documentation, Schemas and Representations divisions and their references, one division per
 *       representation with one mptr (LOCTYPE, xlink:type, href to an existing METS, xlink:title = fileGrp ID)</td></tr>
 *   <tr><td>SIP2, SIP4, SIP11, SIP12, SIP14, SIP15, SIP17, SIP18, SIP20, SIP28, SIP29, SIP31</td><td>for E-ARK SIP
 *       profiles: the SIP 2.2 profile URL, package type SIP, the submitting, archival creator and preservation
 *       agents</td></tr>
 * </table>
 *
 * <p>Newer-only requirements (a warning for a package declaring a profile before 2.2): CSIP2's 2.2 vocabulary,
 * CSIP107 and CSIP114's {@code Representations/<folder>} names, CSIP113 (was a SHOULD), SIP2's profile URL, SIP12,
 * SIP18 and SIP29 (were MAY).
 */
public final class CsipValidator {
    static final String ROOT_METS = "METS.xml";
    private static final int MAX_METS_FILES = 1000;
    private static final int MAX_SCHEMA_MESSAGES = 5;
    private static final int SNIFF_BYTES = 1 << 20;

    private CsipValidator() {}

    /**
     * Checks a package root (METS.xml at the root, representation METS files reached by mptr) against CSIP 2.2 + SIP
     * 2.2. Returns no findings when the package does not declare CSIP. Never throws for bad input.
     */
    public static List<Finding> validate(PackageRoot root) {
        Map<String, UnpackedFile> files = root.files();
        Optional<String> rootMets = rootMetsName(files);
        if (rootMets.isEmpty()) {
            return List.of();
        }
        Path rootFile = root.dir().resolve(rootMets.get());
        Document document;
        try (InputStream in = Files.newInputStream(rootFile)) {
            document = SafeXml.parse(in);
        } catch (SafeXml.XmlRejected | IOException e) {
            if (!sniff(rootFile)) {
                return List.of();
            }
            return List.of(Finding.error(
                            "CSIP_METS_SCHEMA_INVALID",
                            rootMets.get() + " cannot be read as XML, so it cannot be valid METS: " + e.getMessage(),
                            rootMets.get())
                    .withRequirement("CSIP0"));
        }
        Optional<CsipDeclaration> declaration = CsipDeclaration.of(document.getDocumentElement());
        if (declaration.isEmpty()) {
            return List.of();
        }
        CsipReport report = new CsipReport(declaration.get());
        Set<String> referenced = new HashSet<>();
        Set<String> metsFiles = new LinkedHashSet<>();
        boolean allRead = true;

        Deque<MetsFile> queue = new ArrayDeque<>();
        queue.add(new MetsFile(rootMets.get(), document.getDocumentElement(), true));
        metsFiles.add(rootMets.get());
        String objid = Dom.attr(document.getDocumentElement(), "OBJID");
        while (!queue.isEmpty()) {
            MetsFile mets = queue.removeFirst();
            schema(root.dir().resolve(mets.path()), mets.path(), report);
            MetsRootRules.check(mets, report);
            MetadataSectionRules.check(mets, files, referenced, report);
            FileSectionRules.check(mets, files, referenced, report);
            StructMapRules.check(mets, files, report);
            if (mets.packageLevel() && declaration.get().sip()) {
                SipRules.check(mets, report);
            }
            for (String next : nextMetsFiles(mets, files)) {
                if (metsFiles.contains(next)) {
                    continue;
                }
                if (metsFiles.size() >= MAX_METS_FILES) {
                    report.must(
                            "CSIP0",
                            "CSIP_TOO_MANY_METS_FILES",
                            "the package points to more than " + MAX_METS_FILES + " METS files; the rest are not"
                                    + " checked",
                            next);
                    allRead = false;
                    break;
                }
                metsFiles.add(next);
                Optional<Element> parsed = parse(root.dir().resolve(next), next, report);
                if (parsed.isPresent()) {
                    queue.addLast(new MetsFile(next, parsed.get(), false));
                } else {
                    allRead = false;
                }
            }
        }
        PackageStructureRules.check(root, objid, report);
        if (allRead) {
            PackageStructureRules.unreferenced(files, referenced, metsFiles, report);
        }
        return report.findings();
    }

    /** The METS files below {@code mets}: the targets of its mptrs, then (for the root) each representation's. */
    private static Set<String> nextMetsFiles(MetsFile mets, Map<String, UnpackedFile> files) {
        Set<String> next = new LinkedHashSet<>();
        for (Element mptr : Dom.descendants(mets.mets(), "mptr")) {
            MetsHrefs.Resolved target = MetsHrefs.resolve(mets.baseDir(), Dom.xlink(mptr, "href"), files);
            if (target.ok() && files.containsKey(target.path())) {
                next.add(target.path());
            }
        }
        if (mets.packageLevel()) {
            for (String rep : FileSectionRules.representationFolders(files)) {
                String repMets = "representations/" + rep + "/" + ROOT_METS;
                if (files.containsKey(repMets)) {
                    next.add(repMets);
                }
            }
        }
        return next;
    }

    private static void schema(Path file, String path, CsipReport report) {
        List<String> messages = MetsSchemaValidator.validate(file);
        if (messages.isEmpty()) {
            return;
        }
        List<String> shown = messages.subList(0, Math.min(MAX_SCHEMA_MESSAGES, messages.size()));
        String more = messages.size() > shown.size() ? "; and more" : "";
        report.must(
                "CSIP0",
                "CSIP_METS_SCHEMA_INVALID",
                path + " is not valid against the METS 1.12 and E-ARK CSIP/SIP schemas: " + String.join("; ", shown)
                        + more,
                path);
    }

    private static Optional<Element> parse(Path file, String path, CsipReport report) {
        try (InputStream in = Files.newInputStream(file)) {
            Element root = SafeXml.parse(in).getDocumentElement();
            if (!Dom.isMets(root, "mets")) {
                report.must(
                        "CSIP0",
                        "CSIP_METS_SCHEMA_INVALID",
                        path + " is not a METS document: its root element is {" + root.getNamespaceURI() + "}"
                                + root.getLocalName(),
                        path);
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (SafeXml.XmlRejected | IOException e) {
            report.must(
                    "CSIP0",
                    "CSIP_METS_SCHEMA_INVALID",
                    path + " cannot be read as XML, so it cannot be valid METS: " + e.getMessage(),
                    path);
            return Optional.empty();
        }
    }

    /** {@code METS.xml}, or a root file spelled otherwise ({@code mets.xml}), which CSIPSTR4 then reports. */
    private static Optional<String> rootMetsName(Map<String, UnpackedFile> files) {
        if (files.containsKey(ROOT_METS)) {
            return Optional.of(ROOT_METS);
        }
        return files.keySet().stream()
                .filter(p -> p.equalsIgnoreCase(ROOT_METS))
                .sorted()
                .findFirst();
    }

    private static boolean sniff(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CsipDeclaration.sniff(in.readNBytes(SNIFF_BYTES));
        } catch (IOException e) {
            return false;
        }
    }
}
