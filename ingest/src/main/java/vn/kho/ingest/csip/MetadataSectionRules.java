package vn.kho.ingest.csip;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;
import vn.kho.ingest.tt05.MetsHrefs;
import vn.kho.ingest.unpack.UnpackedFile;

/**
 * Descriptive and administrative metadata sections: dmdSec (CSIP17-CSIP30), amdSec with digiprovMD (CSIP31-CSIP44) and
 * rightsMD (CSIP46-CSIP57), and where the metadata files they reference lie (CSIPSTR6, CSIPSTR7).
 */
final class MetadataSectionRules {
    private MetadataSectionRules() {}

    static void check(MetsFile file, Map<String, UnpackedFile> files, Set<String> referenced, CsipReport report) {
        Element mets = file.mets();
        String p = file.path();
        String descriptiveDir = file.baseDir() + "metadata/descriptive/";
        String preservationDir = file.baseDir() + "metadata/preservation/";

        List<Element> dmdSecs = Dom.children(mets, "dmdSec");
        if (dmdSecs.isEmpty() && hasFileBelow(files, descriptiveDir)) {
            report.should(
                    "CSIP17",
                    "CSIP_DMDSEC_MISSING",
                    p + " has no dmdSec although " + descriptiveDir + " holds descriptive metadata",
                    p);
        }
        for (Element dmd : dmdSecs) {
            String id = Dom.attr(dmd, "ID");
            String where = p + ": dmdSec" + (id.isEmpty() ? "" : " '" + id + "'");
            if (id.isEmpty()) {
                report.must("CSIP18", "CSIP_DMDSEC_ID_MISSING", where + " has no @ID", p);
            }
            if (Dom.attr(dmd, "CREATED").isEmpty()) {
                report.must("CSIP19", "CSIP_DMDSEC_CREATED_MISSING", where + " has no @CREATED", p);
            }
            if (Dom.attr(dmd, "STATUS").isEmpty()) {
                report.should("CSIP20", "CSIP_DMDSEC_STATUS_MISSING", where + " has no @STATUS", p);
            }
            List<Element> refs = Dom.children(dmd, "mdRef");
            if (refs.isEmpty()) {
                report.should(
                        "CSIP21",
                        "CSIP_DMDSEC_MDREF_MISSING",
                        where + " has no mdRef to a descriptive metadata file in the metadata folder",
                        p);
            }
            for (Element ref : refs) {
                ReferenceRules.check(file, ref, ReferenceRules.DMD, files, referenced, report);
                placement(file, ref, descriptiveDir, "CSIPSTR7", "descriptive", files, report);
            }
        }

        List<Element> amdSecs = Dom.children(mets, "amdSec");
        if (amdSecs.size() > 1) {
            report.should(
                    "CSIP31",
                    "CSIP_AMDSEC_MULTIPLE",
                    p + " has " + amdSecs.size() + " amdSec elements; CSIP keeps all administrative metadata in one",
                    p);
        }
        boolean anyDigiprov = false;
        for (Element amd : amdSecs) {
            for (Element digiprov : Dom.children(amd, "digiprovMD")) {
                anyDigiprov = true;
                section(file, digiprov, "CSIP33", "CSIP34", "CSIP35", "DIGIPROVMD", report);
                for (Element ref : Dom.children(digiprov, "mdRef")) {
                    ReferenceRules.check(file, ref, ReferenceRules.DIGIPROV, files, referenced, report);
                    placement(file, ref, preservationDir, "CSIPSTR6", "preservation", files, report);
                }
            }
            for (Element rights : Dom.children(amd, "rightsMD")) {
                section(file, rights, "CSIP46", "CSIP47", "CSIP48", "RIGHTSMD", report);
                for (Element ref : Dom.children(rights, "mdRef")) {
                    ReferenceRules.check(file, ref, ReferenceRules.RIGHTS, files, referenced, report);
                }
            }
            for (String other : List.of("techMD", "sourceMD")) {
                for (Element section : Dom.children(amd, other)) {
                    for (Element ref : Dom.children(section, "mdRef")) {
                        // Not described by CSIP, but their files are part of the package's manifest.
                        MetsHrefs.Resolved target = MetsHrefs.resolve(file.baseDir(), Dom.xlink(ref, "href"), files);
                        if (target.ok()) {
                            referenced.add(target.path());
                        }
                    }
                }
            }
        }
        if (!anyDigiprov && hasFileBelow(files, preservationDir)) {
            report.should(
                    "CSIP32",
                    "CSIP_DIGIPROVMD_MISSING",
                    p + " has no amdSec/digiprovMD although " + preservationDir + " holds preservation metadata",
                    p);
        }
    }

    private static void section(
            MetsFile file, Element section, String idReq, String statusReq, String refReq, String code, CsipReport r) {
        String p = file.path();
        String id = Dom.attr(section, "ID");
        String where = p + ": amdSec/" + section.getLocalName() + (id.isEmpty() ? "" : " '" + id + "'");
        if (id.isEmpty()) {
            r.must(idReq, "CSIP_" + code + "_ID_MISSING", where + " has no @ID", p);
        }
        if (Dom.attr(section, "STATUS").isEmpty()) {
            r.should(statusReq, "CSIP_" + code + "_STATUS_MISSING", where + " has no @STATUS", p);
        }
        if (Dom.children(section, "mdRef").isEmpty()) {
            r.should(
                    refReq,
                    "CSIP_" + code + "_MDREF_MISSING",
                    where + " has no mdRef to a metadata file in the metadata folder",
                    p);
        }
    }

    private static void placement(
            MetsFile file,
            Element ref,
            String expectedDir,
            String requirement,
            String kind,
            Map<String, UnpackedFile> files,
            CsipReport report) {
        MetsHrefs.Resolved target = MetsHrefs.resolve(file.baseDir(), Dom.xlink(ref, "href"), files);
        if (target.ok() && !target.path().startsWith(expectedDir)) {
            report.should(
                    requirement,
                    "CSIP_" + kind.toUpperCase(java.util.Locale.ROOT) + "_METADATA_MISPLACED",
                    file.path() + ": " + kind + " metadata " + target.path() + " should lie in " + expectedDir,
                    target.path());
        }
    }

    static boolean hasFileBelow(Map<String, UnpackedFile> files, String dir) {
        return files.keySet().stream().anyMatch(f -> f.startsWith(dir));
    }
}
