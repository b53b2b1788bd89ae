package vn.kho.ingest.csip;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;
import vn.kho.ingest.tt05.MetsHrefs;
import vn.kho.ingest.unpack.UnpackedFile;

/**
 * The CSIP structural map: one {@code structMap} with {@code TYPE="PHYSICAL"} and {@code LABEL="CSIP"} (CSIP80-CSIP85),
 * its Metadata (CSIP88-CSIP92), Documentation (CSIP93-CSIP96, CSIP116), Schemas (CSIP97-CSIP100, CSIP118) and
 * Representations divisions (CSIP101-CSIP104, CSIP119), and one division per representation whose {@code mptr} points
 * to the representation METS (CSIP105-CSIP112).
 */
final class StructMapRules {
    private StructMapRules() {}

    static void check(MetsFile file, Map<String, UnpackedFile> files, CsipReport report) {
        String p = file.path();
        List<Element> structMaps = Dom.children(file.mets(), "structMap");
        List<Element> csip = structMaps.stream()
                .filter(s -> Dom.attr(s, "LABEL").equals("CSIP"))
                .toList();
        if (csip.isEmpty()) {
            report.must(
                    "CSIP80",
                    "CSIP_STRUCTMAP_MISSING",
                    p + " has no structMap with LABEL 'CSIP' (the CSIP structural map)",
                    p);
            for (Element s : structMaps) {
                if (Dom.attr(s, "TYPE").equals("PHYSICAL")) {
                    report.must(
                            "CSIP82",
                            "CSIP_STRUCTMAP_LABEL_INVALID",
                            p + ": the PHYSICAL structMap" + idText(s) + " is labelled '" + Dom.attr(s, "LABEL")
                                    + "'; the CSIP structMap's LABEL is 'CSIP'",
                            p);
                }
            }
            return;
        }
        if (csip.size() > 1) {
            report.must(
                    "CSIP80", "CSIP_STRUCTMAP_MULTIPLE", p + " has " + csip.size() + " structMaps labelled CSIP", p);
        }
        Element structMap = csip.get(0);
        if (!Dom.attr(structMap, "TYPE").equals("PHYSICAL")) {
            report.must(
                    "CSIP81",
                    "CSIP_STRUCTMAP_TYPE_INVALID",
                    p + ": the CSIP structMap has TYPE '" + Dom.attr(structMap, "TYPE") + "'; it must be 'PHYSICAL'",
                    p);
        }
        if (Dom.attr(structMap, "ID").isEmpty()) {
            report.must("CSIP83", "CSIP_STRUCTMAP_ID_MISSING", p + ": the CSIP structMap has no @ID", p);
        }
        List<Element> mainDivs = Dom.children(structMap, "div");
        if (mainDivs.size() != 1) {
            report.must(
                    "CSIP84",
                    "CSIP_STRUCTMAP_DIV_COUNT",
                    p + ": the CSIP structMap has " + mainDivs.size() + " top-level divisions; it must have one",
                    p);
            if (mainDivs.isEmpty()) {
                return;
            }
        }
        Element main = mainDivs.get(0);
        if (Dom.attr(main, "ID").isEmpty()) {
            report.must("CSIP85", "CSIP_STRUCTMAP_DIV_ID_MISSING", p + ": the CSIP structMap's division has no @ID", p);
        }
        List<Element> divs = Dom.children(main, "div");
        List<Element> groups = Dom.descendants(file.mets(), "fileGrp");
        metadataDivision(file, divs, report);
        groupDivision(
                file, divs, groups, "Documentation", new String[] {"CSIP93", "CSIP94", "CSIP116", "CSIP96"}, report);
        groupDivision(file, divs, groups, "Schemas", new String[] {"CSIP97", "CSIP98", "CSIP118", "CSIP100"}, report);
        if (file.packageLevel()) {
            groupDivision(
                    file,
                    divs,
                    groups,
                    "Representations",
                    new String[] {"CSIP101", "CSIP102", "CSIP119", "CSIP104"},
                    report);
            representationDivisions(file, divs, groups, files, report);
        }
    }

    private static void metadataDivision(MetsFile file, List<Element> divs, CsipReport report) {
        String p = file.path();
        List<Element> dmdSecs = Dom.children(file.mets(), "dmdSec");
        List<Element> amdSecs = Dom.children(file.mets(), "amdSec");
        List<Element> metadata = labelled(divs, "Metadata");
        if (metadata.isEmpty()) {
            if (!dmdSecs.isEmpty() || !amdSecs.isEmpty()) {
                report.must(
                        "CSIP88",
                        "CSIP_METADATA_DIV_MISSING",
                        p + ": the CSIP structMap has no division labelled 'Metadata' although the METS has"
                                + " metadata sections",
                        p);
            }
            return;
        }
        if (metadata.size() > 1) {
            report.must(
                    "CSIP88",
                    "CSIP_METADATA_DIV_MULTIPLE",
                    p + ": the CSIP structMap has " + metadata.size() + " divisions labelled 'Metadata'",
                    p);
        }
        Element div = metadata.get(0);
        if (Dom.attr(div, "ID").isEmpty()) {
            report.must("CSIP89", "CSIP_METADATA_DIV_ID_MISSING", p + ": the Metadata division has no @ID", p);
        }
        Set<String> dmdIds = new HashSet<>(Dom.tokens(Dom.attr(div, "DMDID")));
        for (Element dmd : dmdSecs) {
            String status = Dom.attr(dmd, "STATUS");
            String id = Dom.attr(dmd, "ID");
            if ((status.isEmpty() || status.equals("CURRENT")) && !id.isEmpty() && !dmdIds.contains(id)) {
                report.should(
                        "CSIP92",
                        "CSIP_METADATA_DIV_DMDID_INCOMPLETE",
                        p + ": the Metadata division's @DMDID does not reference the current dmdSec '" + id + "'",
                        p);
            }
        }
        Set<String> admIds = new HashSet<>(Dom.tokens(Dom.attr(div, "ADMID")));
        for (Element amd : amdSecs) {
            String id = Dom.attr(amd, "ID");
            boolean referenced = admIds.contains(id);
            if (!referenced) {
                // An amdSec also counts as referenced when each of its current sections is.
                List<String> sections = childIds(amd);
                referenced = !sections.isEmpty() && admIds.containsAll(sections);
            }
            if (!referenced) {
                report.should(
                        "CSIP91",
                        "CSIP_METADATA_DIV_ADMID_INCOMPLETE",
                        p + ": the Metadata division's @ADMID does not reference the amdSec"
                                + (id.isEmpty() ? "" : " '" + id + "'"),
                        p);
            }
        }
    }

    private static List<String> childIds(Element amd) {
        List<String> ids = new java.util.ArrayList<>();
        for (String kind : List.of("techMD", "rightsMD", "sourceMD", "digiprovMD")) {
            for (Element e : Dom.children(amd, kind)) {
                String status = Dom.attr(e, "STATUS");
                if (status.isEmpty() || status.equals("CURRENT")) {
                    ids.add(Dom.attr(e, "ID"));
                }
            }
        }
        return ids;
    }

    /**
     * A division for the file groups with USE {@code label}: should exist when such groups do (ids[0]), must have an
     * ID (ids[1]), its fptrs must point at such a group (ids[2]), and should point at every one (ids[3]).
     */
    private static void groupDivision(
            MetsFile file, List<Element> divs, List<Element> groups, String label, String[] ids, CsipReport report) {
        String p = file.path();
        List<Element> matching =
                groups.stream().filter(g -> Dom.attr(g, "USE").equals(label)).toList();
        List<Element> division = labelled(divs, label);
        if (division.isEmpty()) {
            if (!matching.isEmpty()) {
                report.should(
                        ids[0],
                        "CSIP_" + label.toUpperCase(java.util.Locale.ROOT) + "_DIV_MISSING",
                        p + ": the CSIP structMap has no division labelled '" + label + "' for its " + label
                                + " file group",
                        p);
            }
            return;
        }
        String code = "CSIP_" + label.toUpperCase(java.util.Locale.ROOT) + "_DIV_";
        Element div = division.get(0);
        if (Dom.attr(div, "ID").isEmpty()) {
            report.must(ids[1], code + "ID_MISSING", p + ": the " + label + " division has no @ID", p);
        }
        Set<String> groupIds = new HashSet<>();
        for (Element g : matching) {
            groupIds.add(Dom.attr(g, "ID"));
        }
        Set<String> pointed = new HashSet<>();
        for (Element fptr : Dom.children(div, "fptr")) {
            String target = Dom.attr(fptr, "FILEID");
            pointed.add(target);
            if (!groupIds.contains(target)) {
                report.must(
                        ids[2],
                        code + "FPTR_INVALID",
                        p + ": an fptr of the " + label + " division has FILEID '" + target + "', which is not the"
                                + " ID of a fileGrp with USE '" + label + "'",
                        p);
            }
        }
        for (String id : groupIds) {
            if (!id.isEmpty() && !pointed.contains(id)) {
                report.should(
                        ids[3],
                        code + "FPTR_MISSING",
                        p + ": the " + label + " division has no fptr to the fileGrp '" + id + "'",
                        p);
            }
        }
    }

    private static void representationDivisions(
            MetsFile file, List<Element> divs, List<Element> groups, Map<String, UnpackedFile> files, CsipReport r) {
        String p = file.path();
        Set<String> pointedMets = new HashSet<>();
        for (Element div : divs) {
            String label = Dom.attr(div, "LABEL");
            List<Element> mptrs = Dom.children(div, "mptr");
            boolean representation = label.startsWith("Representations/") || !mptrs.isEmpty();
            if (!representation) {
                continue;
            }
            String where = p + ": the representation division" + (label.isEmpty() ? "" : " '" + label + "'");
            if (Dom.attr(div, "ID").isEmpty()) {
                r.must("CSIP106", "CSIP_REPRESENTATION_DIV_ID_MISSING", where + " has no @ID", p);
            }
            if (label.equals("Representations")) {
                r.mustSince22(
                        "CSIP107",
                        "CSIP_REPRESENTATION_DIV_LABEL_INVALID",
                        where + " must be labelled 'Representations/' followed by the representation's folder name",
                        p);
            } else if (!label.startsWith("Representations/")) {
                r.must(
                        "CSIP107",
                        "CSIP_REPRESENTATION_DIV_LABEL_INVALID",
                        where + " must be labelled 'Representations/' followed by the representation's folder name",
                        p);
            }
            if (mptrs.size() != 1) {
                r.must(
                        "CSIP109",
                        "CSIP_REPRESENTATION_MPTR_COUNT",
                        where + " has " + mptrs.size() + " mptr elements; it must have one pointing to the"
                                + " representation METS",
                        p);
            }
            for (Element mptr : mptrs) {
                if (!Dom.attr(mptr, "LOCTYPE").equals("URL")) {
                    r.must("CSIP112", "CSIP_MPTR_LOCTYPE_NOT_URL", where + ": mptr must have @LOCTYPE='URL'", p);
                }
                if (!Dom.xlink(mptr, "type").equals("simple")) {
                    r.must(
                            "CSIP111",
                            "CSIP_MPTR_XLINK_TYPE_NOT_SIMPLE",
                            where + ": mptr must have @xlink:type='simple'",
                            p);
                }
                String href = Dom.xlink(mptr, "href");
                MetsHrefs.Resolved target = MetsHrefs.resolve(file.baseDir(), href, files);
                if (href.isEmpty()) {
                    r.must("CSIP110", "CSIP_MPTR_HREF_MISSING", where + ": mptr has no @xlink:href", p);
                } else if (!target.ok()) {
                    r.must("CSIP110", "CSIP_MPTR_HREF_INVALID", where + ": mptr @xlink:href " + target.reason(), p);
                } else if (!files.containsKey(target.path())) {
                    r.must(
                            "CSIP110",
                            "CSIP_MPTR_HREF_TARGET_MISSING",
                            where + ": mptr points to " + target.path() + ", which is not in the package",
                            p);
                } else {
                    pointedMets.add(target.path());
                }
                String title = Dom.xlink(mptr, "title");
                boolean groupExists = !title.isEmpty()
                        && groups.stream().anyMatch(g -> Dom.attr(g, "ID").equals(title));
                if (!groupExists) {
                    r.must(
                            "CSIP108",
                            "CSIP_MPTR_TITLE_INVALID",
                            where + ": mptr @xlink:title must be the ID of the representation's fileGrp, found '"
                                    + title + "'",
                            p);
                }
            }
        }
        for (String rep : FileSectionRules.representationFolders(files)) {
            String mets = "representations/" + rep + "/METS.xml";
            if (files.containsKey(mets) && !pointedMets.contains(mets)) {
                r.should(
                        "CSIP105",
                        "CSIP_REPRESENTATION_DIV_MISSING",
                        p + ": no division of the CSIP structMap points (mptr) to " + mets,
                        p);
            }
        }
    }

    private static List<Element> labelled(List<Element> divs, String label) {
        return divs.stream().filter(d -> Dom.attr(d, "LABEL").equals(label)).toList();
    }

    private static String idText(Element e) {
        String id = Dom.attr(e, "ID");
        return id.isEmpty() ? "" : " '" + id + "'";
    }
}
