package vn.kho.ingest.csip;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.w3c.dom.Element;
import vn.kho.ingest.unpack.UnpackedFile;

/**
 * The file section: CSIP58-CSIP79 and the file groups a package's folders call for (CSIP60 Documentation, CSIP113
 * Schemas, CSIP114 one Representations group per representation, CSIP62 its content information type).
 */
final class FileSectionRules {
    private FileSectionRules() {}

    static void check(MetsFile file, Map<String, UnpackedFile> files, Set<String> referenced, CsipReport report) {
        String p = file.path();
        Optional<Element> fileSec = Dom.child(file.mets(), "fileSec");
        if (fileSec.isEmpty()) {
            if (hasContent(file, files)) {
                report.should(
                        "CSIP58",
                        "CSIP_FILESEC_MISSING",
                        p + " has no fileSec although its folder holds files other than metadata",
                        p);
            }
            folderGroups(file, List.of(), files, report);
            return;
        }
        if (Dom.attr(fileSec.get(), "ID").isEmpty()) {
            report.must("CSIP59", "CSIP_FILESEC_ID_MISSING", p + ": fileSec has no @ID", p);
        }
        List<Element> groups = Dom.descendants(fileSec.get(), "fileGrp");
        for (Element group : groups) {
            String use = Dom.attr(group, "USE");
            String id = Dom.attr(group, "ID");
            String where = p + ": fileGrp" + (id.isEmpty() ? "" : " '" + id + "'")
                    + (use.isEmpty() ? "" : " (USE '" + use + "')");
            if (use.isEmpty()) {
                report.must("CSIP64", "CSIP_FILEGRP_USE_MISSING", where + " has no @USE", p);
            }
            if (id.isEmpty()) {
                report.must("CSIP65", "CSIP_FILEGRP_ID_MISSING", where + " has no @ID", p);
            }
            List<Element> fileElements = Dom.children(group, "file");
            if (fileElements.isEmpty() && Dom.children(group, "fileGrp").isEmpty()) {
                report.must("CSIP66", "CSIP_FILEGRP_EMPTY", where + " holds no file element", p);
            }
            if (use.startsWith("Representations")
                    && Dom.csip(group, "CONTENTINFORMATIONTYPE").isEmpty()) {
                report.should(
                        "CSIP62",
                        "CSIP_FILEGRP_CONTENTINFORMATIONTYPE_MISSING",
                        where + " describes a representation but has no csip:CONTENTINFORMATIONTYPE",
                        p);
            }
            for (Element f : fileElements) {
                if (Dom.attr(f, "ID").isEmpty()) {
                    report.must("CSIP67", "CSIP_FILE_ID_MISSING", where + ": a file has no @ID", p);
                }
                ReferenceRules.check(file, f, ReferenceRules.FILE, files, referenced, report);
            }
        }
        folderGroups(file, groups, files, report);
    }

    /** The file groups that the folders next to this METS call for. */
    private static void folderGroups(
            MetsFile file, List<Element> groups, Map<String, UnpackedFile> files, CsipReport report) {
        String p = file.path();
        String base = file.baseDir();
        if (MetadataSectionRules.hasFileBelow(files, base + "documentation/") && !hasUse(groups, "Documentation")) {
            report.must(
                    "CSIP60",
                    "CSIP_DOCUMENTATION_FILEGRP_MISSING",
                    p + " has no fileGrp with USE 'Documentation' although " + base + "documentation/ holds files",
                    p);
        }
        if (MetadataSectionRules.hasFileBelow(files, base + "schemas/") && !hasUse(groups, "Schemas")) {
            report.mustSince22(
                    "CSIP113",
                    "CSIP_SCHEMAS_FILEGRP_MISSING",
                    p + " has no fileGrp with USE 'Schemas' although " + base + "schemas/ holds files",
                    p);
        }
        if (!file.packageLevel()) {
            return;
        }
        for (String rep : representationFolders(files)) {
            String use = "Representations/" + rep;
            if (hasUse(groups, use)) {
                continue;
            }
            if (hasUse(groups, "Representations")) {
                report.mustSince22(
                        "CSIP114",
                        "CSIP_REPRESENTATION_FILEGRP_MISSING",
                        p + ": the representation " + rep + " is described by a fileGrp with USE 'Representations';"
                                + " CSIP 2.2 names it '" + use + "'",
                        p);
            } else {
                report.must(
                        "CSIP114",
                        "CSIP_REPRESENTATION_FILEGRP_MISSING",
                        p + " has no fileGrp with USE '" + use + "' for the representation folder representations/"
                                + rep + "/",
                        p);
            }
        }
    }

    /** The names of the folders directly below {@code representations/} that hold at least one file. */
    static Set<String> representationFolders(Map<String, UnpackedFile> files) {
        Set<String> out = new TreeSet<>();
        for (String path : files.keySet()) {
            if (path.startsWith("representations/")) {
                String rest = path.substring("representations/".length());
                int slash = rest.indexOf('/');
                if (slash > 0) {
                    out.add(rest.substring(0, slash));
                }
            }
        }
        return out;
    }

    private static boolean hasUse(List<Element> groups, String use) {
        return groups.stream().anyMatch(g -> Dom.attr(g, "USE").equalsIgnoreCase(use));
    }

    private static boolean hasContent(MetsFile file, Map<String, UnpackedFile> files) {
        String base = file.baseDir();
        for (String path : files.keySet()) {
            if (!path.startsWith(base) || path.equals(file.path())) {
                continue;
            }
            String rest = path.substring(base.length());
            if (!rest.startsWith("metadata/") && !rest.endsWith("/METS.xml")) {
                return true;
            }
        }
        return false;
    }
}
