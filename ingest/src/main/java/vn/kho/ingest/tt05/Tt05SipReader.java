package vn.kho.ingest.tt05;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import vn.kho.ingest.PackageRoot;
import vn.kho.ingest.ParsedPackage;
import vn.kho.ingest.Submitter;
import vn.kho.ingest.unpack.UnpackedFile;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.PackageId;

/**
 * Reads a TT05/2025 SIP (E-ARK CSIP based): the root {@code METS.xml}, every representation METS its structMap points
 * to ({@code mptr}), and the hồ sơ record {@code metadata/descriptive/EAD.xml}.
 *
 * <p>Every {@code fileSec} file and every {@code mdRef} must name, by a relative {@code xlink:href} that stays inside
 * the package, a file that exists, with {@code CHECKSUMTYPE="SHA-256"}, a {@code CHECKSUM} equal to the SHA-256 the
 * unzipper computed, and a {@code SIZE} equal to its size. A file that no METS references (other than the METS files
 * themselves) is an error: files beyond the manifest are rejected. XML is parsed with {@code SafeXml} only.
 *
 * <p>The result's {@code content} keeps every file at its SIP path except the root {@code METS.xml} and
 * {@code metadata/preservation/PREMIS.xml}, which Kho writes itself in the AIP.
 */
public final class Tt05SipReader {
    static final String ROOT_METS = "METS.xml";
    /**
     * The submitter's detached CMS signature of the root METS. It cannot be in the METS it signs, so it is the one
     * file no METS references; it stays under {@code submission/} (Kho signs its own AIP METS beside it).
     */
    public static final String ROOT_METS_SIGNATURE = "METS.xml.p7s";

    static final String PREMIS = "metadata/preservation/PREMIS.xml";
    private static final Pattern URN_UUID =
            Pattern.compile("urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_METS_FILES = 1000;

    private Tt05SipReader() {}

    /** Reads the SIP at {@code root}. Never throws for bad input: every problem is a finding. */
    public static ParsedPackage read(PackageRoot root) {
        List<Finding> findings = new ArrayList<>();
        Map<String, UnpackedFile> files = root.files();
        Optional<PackageId> declaredId = Optional.empty();
        Set<String> metsFiles = new LinkedHashSet<>();
        Set<String> referenced = new HashSet<>();
        boolean allMetsRead = true;
        Optional<Submitter> submitter = Optional.empty();

        if (!files.containsKey(ROOT_METS)) {
            findings.add(Finding.error("METS_FILE_MISSING", "the root METS.xml is missing", ROOT_METS));
            allMetsRead = false;
        } else {
            Deque<String> queue = new ArrayDeque<>();
            queue.add(ROOT_METS);
            metsFiles.add(ROOT_METS);
            while (!queue.isEmpty()) {
                String path = queue.removeFirst();
                Optional<MetsDocument> mets = MetsDocument.read(root.dir().resolve(path), path, findings);
                if (mets.isEmpty()) {
                    allMetsRead = false;
                    continue;
                }
                if (path.equals(ROOT_METS)) {
                    declaredId = checkObjid(mets.get().objid(), root.prefix(), findings);
                    submitter = mets.get().submitter();
                }
                for (MetsDocument.Reference reference : mets.get().references()) {
                    verify(mets.get(), reference, files, referenced, findings);
                }
                for (String pointer : mets.get().pointers()) {
                    MetsHrefs.Resolved target = MetsHrefs.resolve(mets.get().baseDir(), pointer, files);
                    if (!target.ok()) {
                        findings.add(Finding.error(target.errorCode(), path + ": mptr " + target.reason(), path));
                        continue;
                    }
                    if (!files.containsKey(target.path())) {
                        findings.add(Finding.error(
                                "METS_FILE_MISSING",
                                path + " points (mptr) to " + target.path() + ", which is not in the package",
                                target.path()));
                        continue;
                    }
                    if (metsFiles.size() >= MAX_METS_FILES) {
                        findings.add(Finding.error(
                                "METS_TOO_MANY_METS_FILES",
                                "the package points to more than " + MAX_METS_FILES + " METS files",
                                path));
                        allMetsRead = false;
                        break;
                    }
                    if (metsFiles.add(target.path())) {
                        queue.addLast(target.path());
                    }
                }
            }
        }

        if (allMetsRead) {
            for (String path : new TreeSet<>(files.keySet())) {
                if (!referenced.contains(path) && !metsFiles.contains(path) && !path.equals(ROOT_METS_SIGNATURE)) {
                    findings.add(Finding.error(
                            "METS_FILE_UNREFERENCED",
                            path + " is in the package but no METS file references it; files beyond the METS"
                                    + " manifest are not accepted",
                            path));
                }
            }
        }

        DescriptiveRecord descriptive = SimpleDcReader.read(root, findings);

        Map<String, String> content = new LinkedHashMap<>();
        for (String path : new TreeSet<>(files.keySet())) {
            if (!path.equals(ROOT_METS) && !path.equals(PREMIS) && !path.equals(ROOT_METS_SIGNATURE)) {
                content.put(path, path);
            }
        }
        return new ParsedPackage(PackageFormat.TT05_SIP, declaredId, descriptive, content, findings, submitter);
    }

    private static Optional<PackageId> checkObjid(String objid, String prefix, List<Finding> findings) {
        if (objid == null || !URN_UUID.matcher(objid.trim()).matches()) {
            findings.add(Finding.error(
                    "METS_OBJID_INVALID",
                    "mets/@OBJID must be urn:uuid:<uuid>, found '" + (objid == null ? "" : objid) + "'",
                    ROOT_METS));
            return Optional.empty();
        }
        PackageId id = PackageId.parse(objid.trim());
        String expected = objid.trim().replace(':', '_');
        String folder = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (folder.isEmpty()) {
            findings.add(Finding.warning(
                    "TT05_FOLDER_NAME_MISMATCH",
                    "the zip has no root folder; TT05 packages unpack to one folder named " + expected,
                    null));
        } else if (!folder.equalsIgnoreCase(expected)) {
            String how = folder.toLowerCase(Locale.ROOT).endsWith(expected.toLowerCase(Locale.ROOT))
                    ? " (it carries a prefix, such as a fonds code, before the OBJID)"
                    : "";
            findings.add(Finding.warning(
                    "TT05_FOLDER_NAME_MISMATCH",
                    "the root folder is '" + folder + "' but mets/@OBJID gives '" + expected + "'" + how,
                    null));
        }
        return Optional.of(id);
    }

    private static void verify(
            MetsDocument mets,
            MetsDocument.Reference reference,
            Map<String, UnpackedFile> files,
            Set<String> referenced,
            List<Finding> findings) {
        String where =
                mets.path() + ": " + reference.element() + (reference.id().isEmpty() ? "" : " " + reference.id());
        MetsHrefs.Resolved target = MetsHrefs.resolve(mets.baseDir(), reference.href(), files);
        if (!target.ok()) {
            findings.add(Finding.error(target.errorCode(), where + ": " + target.reason(), mets.path()));
            return;
        }
        String path = target.path();
        referenced.add(path);
        UnpackedFile file = files.get(path);
        if (file == null) {
            findings.add(Finding.error(
                    "METS_FILE_MISSING", where + " references " + path + ", which is not in the package", path));
            return;
        }
        String type = reference.checksumType().replace("-", "").toUpperCase(Locale.ROOT);
        if (reference.checksum().isBlank()) {
            findings.add(Finding.error("METS_CHECKSUM_MISSING", where + " declares no CHECKSUM for " + path, path));
        } else if (!type.equals("SHA256")) {
            findings.add(Finding.error(
                    "METS_CHECKSUM_TYPE_UNSUPPORTED",
                    where + " declares CHECKSUMTYPE '" + reference.checksumType() + "'; TT05 requires SHA-256",
                    path));
        } else if (!reference.checksum().trim().equalsIgnoreCase(file.sha256())) {
            findings.add(Finding.error(
                    "METS_CHECKSUM_MISMATCH",
                    path + " has SHA-256 " + file.sha256() + " but " + where + " declares " + reference.checksum(),
                    path));
        }
        String size = reference.size().trim();
        if (size.isEmpty()) {
            findings.add(Finding.warning("METS_SIZE_MISSING", where + " declares no SIZE for " + path, path));
        } else if (!size.matches("[0-9]{1,18}")) {
            findings.add(Finding.error("METS_SIZE_INVALID", where + " declares SIZE '" + size + "'", path));
        } else if (Long.parseLong(size) != file.size()) {
            findings.add(Finding.error(
                    "METS_SIZE_MISMATCH",
                    path + " has " + file.size() + " bytes but " + where + " declares " + size,
                    path));
        }
    }
}
