package vn.kho.ingest.csip;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.kho.ingest.PackageRoot;
import vn.kho.ingest.unpack.UnpackedFile;

/**
 * The folder structure of a CSIP package (CSIPSTR1, 2, 4, 5, 9, 11, 12, 13, 15) and the rule that every file of the
 * package is described by a METS file (reported under CSIP66, as commons-ip does).
 */
final class PackageStructureRules {
    private static final int MAX_LISTED = 100;

    private PackageStructureRules() {}

    static void check(PackageRoot root, String objid, CsipReport report) {
        Map<String, UnpackedFile> files = root.files();
        String prefix = root.prefix();
        String folder = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (folder.isEmpty()) {
            report.must(
                    "CSIPSTR1",
                    "CSIP_ROOT_FOLDER_MISSING",
                    "the package does not unpack to a single root folder; METS.xml lies at the top of the archive",
                    null);
        } else if (!objid.isEmpty()) {
            folderName(folder, objid, report);
        }
        if (!files.containsKey("METS.xml")) {
            report.must("CSIPSTR4", "CSIP_ROOT_METS_MISSING", "the package root has no file named METS.xml", null);
        }
        if (!MetadataSectionRules.hasFileBelow(files, "metadata/")) {
            report.should("CSIPSTR5", "CSIP_METADATA_FOLDER_MISSING", "the package root has no metadata folder", null);
        }
        Set<String> representations = FileSectionRules.representationFolders(files);
        if (representations.isEmpty()) {
            report.should(
                    "CSIPSTR9",
                    "CSIP_REPRESENTATIONS_FOLDER_MISSING",
                    "the package root has no representations folder holding a representation",
                    null);
        }
        for (String rep : representations) {
            String base = "representations/" + rep + "/";
            if (!MetadataSectionRules.hasFileBelow(files, base + "data/")) {
                report.should(
                        "CSIPSTR11",
                        "CSIP_REPRESENTATION_DATA_FOLDER_MISSING",
                        "the representation " + base + " has no data folder",
                        base);
            }
            if (!files.containsKey(base + "METS.xml")) {
                report.should(
                        "CSIPSTR12",
                        "CSIP_REPRESENTATION_METS_MISSING",
                        "the representation " + base + " has no METS.xml",
                        base);
            }
            if (!MetadataSectionRules.hasFileBelow(files, base + "metadata/")) {
                report.should(
                        "CSIPSTR13",
                        "CSIP_REPRESENTATION_METADATA_FOLDER_MISSING",
                        "the representation " + base + " has no metadata folder",
                        base);
            }
        }
        for (String path : new TreeSet<>(files.keySet())) {
            if (path.toLowerCase(java.util.Locale.ROOT).endsWith(".xsd") && !inSchemasFolder(path)) {
                report.should(
                        "CSIPSTR15",
                        "CSIP_SCHEMA_MISPLACED",
                        path + " is an XML schema outside a schemas folder (of the package or of a representation)",
                        path);
            }
        }
    }

    /**
     * CSIP66 for every file that no METS file references: the METS files themselves excepted, and the submitter's
     * detached signature of the root METS ({@code METS.xml.p7s}), which no METS can reference since it signs it.
     */
    static void unreferenced(
            Map<String, UnpackedFile> files, Set<String> referenced, Set<String> metsFiles, CsipReport report) {
        int listed = 0;
        int more = 0;
        for (String path : new TreeSet<>(files.keySet())) {
            if (referenced.contains(path)
                    || metsFiles.contains(path)
                    || path.equals(vn.kho.ingest.tt05.Tt05SipReader.ROOT_METS_SIGNATURE)) {
                continue;
            }
            if (listed < MAX_LISTED) {
                report.must(
                        "CSIP66",
                        "CSIP_FILE_NOT_REFERENCED",
                        path + " is in the package but no METS file describes it with a file or mdRef element",
                        path);
                listed++;
            } else {
                more++;
            }
        }
        if (more > 0) {
            report.must(
                    "CSIP66",
                    "CSIP_FILE_NOT_REFERENCED",
                    more + " more files are in the package without any METS file describing them",
                    null);
        }
    }

    /**
     * CSIPSTR2: the root folder should be named after mets/@OBJID. Characters a file system cannot hold may be written
     * '_' (TT05 writes {@code urn:uuid:...} as {@code urn_uuid_...}); a prefix before the mapped OBJID (a fonds code)
     * is a warning, like any other mismatch.
     */
    private static void folderName(String folder, String objid, CsipReport report) {
        String mapped = objid.replaceAll("[:/\\\\*?\"<>|]", "_");
        if (folder.equals(objid) || folder.equals(mapped)) {
            return;
        }
        String how = folder.endsWith(mapped) ? " (it carries a prefix, such as a fonds code, before the OBJID)" : "";
        report.should(
                "CSIPSTR2",
                "CSIP_ROOT_FOLDER_NAME_MISMATCH",
                "the root folder is '" + folder + "' but mets/@OBJID is '" + objid + "'" + how,
                null);
    }

    private static boolean inSchemasFolder(String path) {
        return path.startsWith("schemas/") || path.matches("representations/[^/]+/schemas/.*");
    }
}
