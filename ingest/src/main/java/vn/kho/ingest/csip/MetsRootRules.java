package vn.kho.ingest.csip;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.w3c.dom.Element;

/**
 * The {@code mets} root element and the METS header: CSIP1-CSIP16 and CSIP117. {@code PROFILE}'s exact value for a SIP
 * is SIP2, checked by {@link SipRules}.
 */
final class MetsRootRules {
    /** CSIPVocabularyContentCategory (CSIP 2.2), compared with dashes and case folded. */
    private static final Set<String> CONTENT_CATEGORIES = Set.of(
                    "Textual works – Print",
                    "Textual works – Digital",
                    "Textual works – Electronic Serials",
                    "Digital Musical Composition (score-based representations)",
                    "Musical Scores - Print",
                    "Musical Scores - Digital",
                    "Photographs – Print",
                    "Photographs – Digital",
                    "Other Graphic Images – Print",
                    "Other Graphic Images – Digital",
                    "Microforms",
                    "Audio – On Tangible Medium (digital or analog)",
                    "Audio – Media-independent (digital)",
                    "Motion Pictures – Digital and Physical Media",
                    "Video – File-based and Physical Media",
                    "Software",
                    "Software and Video Games",
                    "Email",
                    "Datasets",
                    "Geospatial Data",
                    "Geographic Information System (GIS) - Vector Data",
                    "GIS Raster and Georeferenced Images",
                    "GIS Vector and Raster Combined",
                    "Non-GIS Cartographic",
                    "2D and 3D Computer Aided Design",
                    "Design (schematics, architectural drawings) - Print",
                    "Scanned 3D Objects (output from photogrammetry scanning)",
                    "Databases",
                    "Websites",
                    "Web Archives",
                    "Collection",
                    "Event",
                    "Image",
                    "Interactive resource",
                    "Moving image",
                    "Sound",
                    "Still image",
                    "Text",
                    "Physical object",
                    "Service",
                    "Mixed",
                    "Other")
            .stream()
            .map(MetsRootRules::fold)
            .collect(Collectors.toUnmodifiableSet());

    private MetsRootRules() {}

    static void check(MetsFile file, CsipReport report) {
        Element mets = file.mets();
        String p = file.path();
        String objid = Dom.attr(mets, "OBJID");
        if (objid.isEmpty()) {
            report.must("CSIP1", "CSIP_OBJID_MISSING", p + ": mets has no @OBJID (the package identifier)", p);
        } else if (!file.packageLevel() && !objid.equals(file.folderName())) {
            report.should(
                    "CSIP1",
                    "CSIP_REPRESENTATION_OBJID_MISMATCH",
                    p + ": mets/@OBJID '" + objid + "' of a representation METS should be its folder name '"
                            + file.folderName() + "'",
                    p);
        }
        String type = Dom.attr(mets, "TYPE");
        if (type.isEmpty()) {
            report.must("CSIP2", "CSIP_TYPE_MISSING", p + ": mets has no @TYPE (the content category)", p);
        } else if (!CONTENT_CATEGORIES.contains(fold(type))) {
            String msg = p + ": mets/@TYPE '" + type + "' is not in the CSIP content category vocabulary;"
                    + " use OTHER with csip:OTHERTYPE";
            report.mustSince22("CSIP2", "CSIP_TYPE_UNKNOWN", msg, p);
        } else if (fold(type).equals("other") && Dom.csip(mets, "OTHERTYPE").isEmpty()) {
            report.should(
                    "CSIP3",
                    "CSIP_OTHERTYPE_MISSING",
                    p + ": mets/@TYPE is OTHER but csip:OTHERTYPE does not name the content category",
                    p);
        }
        if (Dom.csip(mets, "CONTENTINFORMATIONTYPE").isEmpty()) {
            report.should(
                    "CSIP4",
                    "CSIP_CONTENTINFORMATIONTYPE_MISSING",
                    p + ": mets has no csip:CONTENTINFORMATIONTYPE"
                            + (file.packageLevel() ? "" : " (expected on every representation METS)"),
                    p);
        }
        if (Dom.attr(mets, "PROFILE").isEmpty()) {
            report.must("CSIP6", "CSIP_PROFILE_MISSING", p + ": mets has no @PROFILE naming the METS profile", p);
        }
        Optional<Element> header = Dom.child(mets, "metsHdr");
        if (header.isEmpty()) {
            report.must("CSIP117", "CSIP_METSHDR_MISSING", p + ": mets has no metsHdr (the package header)", p);
            if (!Dom.csip(mets, "OAISPACKAGETYPE").isEmpty()) {
                misplacedPackageType(p, report);
            }
            return;
        }
        checkHeader(file, header.get(), report);
    }

    private static void checkHeader(MetsFile file, Element header, CsipReport report) {
        String p = file.path();
        if (Dom.attr(header, "CREATEDATE").isEmpty()) {
            report.must("CSIP7", "CSIP_CREATEDATE_MISSING", p + ": metsHdr has no @CREATEDATE", p);
        }
        if (Dom.csip(header, "OAISPACKAGETYPE").isEmpty()) {
            if (!Dom.csip(file.mets(), "OAISPACKAGETYPE").isEmpty()) {
                misplacedPackageType(p, report);
            } else {
                report.must(
                        "CSIP9",
                        "CSIP_OAISPACKAGETYPE_MISSING",
                        p + ": metsHdr has no csip:OAISPACKAGETYPE (SIP, AIP or DIP)",
                        p);
            }
        }
        List<Element> agents = Dom.children(header, "agent");
        if (agents.isEmpty()) {
            report.must("CSIP10", "CSIP_AGENT_MISSING", p + ": metsHdr has no agent for the creating software", p);
            return;
        }
        // CSIP11-13 describe the one agent for the creating software, known by OTHERTYPE='SOFTWARE'.
        List<Element> software =
                agents.stream().filter(MetsRootRules::isSoftwareAgent).toList();
        if (software.isEmpty()) {
            report.must(
                    "CSIP13",
                    "CSIP_AGENT_OTHERTYPE_INVALID",
                    p + ": no metsHdr/agent has @OTHERTYPE='SOFTWARE' (the software that created the package)",
                    p);
        }
        for (Element agent : software) {
            if (!Dom.attr(agent, "ROLE").equals("CREATOR")) {
                report.must(
                        "CSIP11",
                        "CSIP_AGENT_ROLE_INVALID",
                        p + ": the software agent in metsHdr has ROLE '" + Dom.attr(agent, "ROLE")
                                + "'; it must be 'CREATOR'",
                        p);
            }
            if (!Dom.attr(agent, "TYPE").equals("OTHER")) {
                report.must(
                        "CSIP12",
                        "CSIP_AGENT_TYPE_INVALID",
                        p + ": the software agent in metsHdr has TYPE '" + Dom.attr(agent, "TYPE")
                                + "'; it must be 'OTHER'",
                        p);
            }
            Optional<Element> name = Dom.child(agent, "name");
            if (name.isEmpty() || Dom.text(name.get()).isEmpty()) {
                report.must("CSIP14", "CSIP_AGENT_NAME_MISSING", p + ": the software agent in metsHdr has no name", p);
            }
            List<Element> notes = Dom.children(agent, "note");
            if (notes.isEmpty()) {
                report.must(
                        "CSIP15",
                        "CSIP_AGENT_NOTE_MISSING",
                        p + ": the software agent in metsHdr has no note giving the software version",
                        p);
            } else if (notes.stream().noneMatch(n -> Dom.csip(n, "NOTETYPE").equals("SOFTWARE VERSION"))) {
                report.must(
                        "CSIP16",
                        "CSIP_AGENT_NOTETYPE_INVALID",
                        p + ": the software agent's note has no csip:NOTETYPE='SOFTWARE VERSION'",
                        p);
            }
        }
    }

    /** The agent CSIP10-CSIP16 describe: the one whose OTHERTYPE is SOFTWARE. */
    static boolean isSoftwareAgent(Element agent) {
        return Dom.attr(agent, "OTHERTYPE").equals("SOFTWARE");
    }

    private static void misplacedPackageType(String p, CsipReport report) {
        report.must(
                "CSIP9",
                "CSIP_OAISPACKAGETYPE_MISPLACED",
                p + ": csip:OAISPACKAGETYPE is on the mets element; CSIP puts it on metsHdr",
                p);
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC)
                .replace('–', '-')
                .replace('—', '-')
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }
}
