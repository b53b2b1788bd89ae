package vn.kho.ingest.bagit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.kho.ingest.PackageRoot;
import vn.kho.ingest.ParsedPackage;
import vn.kho.ingest.unpack.UnpackedFile;
import vn.kho.repository.AccessRegime;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageFormat;

/**
 * Reads and validates a bag (RFC 8493: BagIt 1.0 and 0.97). Every manifest is checked against the digests the
 * unzipper computed while unpacking ({@link UnpackedFile#digests()}), so no payload byte is read again; only tag files
 * are read. Kho never fetches the URLs of {@code fetch.txt}: a bag whose fetch-listed files are all present is
 * complete, one missing any of them is incomplete ({@code BAGIT_INCOMPLETE}).
 *
 * <p>The result's {@code content} maps each payload file {@code data/<p>} to {@code representations/rep1/data/<p>} and
 * {@code bag-info.txt} to {@code metadata/descriptive/bag-info.txt}. The descriptive record takes its title from
 * {@code Title} (else {@code External-Description}), its identifier from {@code External-Identifier}, its date from
 * {@code Bagging-Date}, and its access regime from {@code Access-Regime} (a TT05 mode code {@code 01}–{@code 03} or
 * {@code PUBLIC}/{@code CONDITIONAL}/{@code CLASSIFIED}; public when absent, since a bag has no TT05 mode).
 */
public final class BagReader {
    private static final String PAYLOAD = "data/";
    private static final String AIP_PAYLOAD = "representations/rep1/data/";
    private static final String AIP_BAG_INFO = "metadata/descriptive/bag-info.txt";
    private static final Pattern OXUM = Pattern.compile("([0-9]{1,18})\\.([0-9]{1,18})");

    private BagReader() {}

    /** Reads the bag at {@code root}. Never throws for bad input: every problem is a finding. */
    public static ParsedPackage read(PackageRoot root) {
        List<Finding> findings = new ArrayList<>();
        Map<String, UnpackedFile> files = root.files();

        BagDeclaration declaration = BagDeclaration.FALLBACK;
        if (files.containsKey(BagDeclaration.FILE)) {
            declaration = BagDeclaration.read(root.dir().resolve(BagDeclaration.FILE), findings)
                    .orElse(BagDeclaration.FALLBACK);
        } else {
            findings.add(Finding.error(
                    "BAGIT_DECLARATION_MISSING", "bagit.txt is missing from the bag root", BagDeclaration.FILE));
        }

        List<Manifest> payloadManifests = new ArrayList<>();
        List<Manifest> tagManifests = new ArrayList<>();
        for (String name : new TreeMap<>(files).keySet()) {
            if (name.indexOf('/') >= 0) {
                continue;
            }
            Optional<String> algorithm = BagDigests.algorithmOf(name);
            if (algorithm.isEmpty()) {
                continue;
            }
            if (!BagDigests.SUPPORTED.contains(algorithm.get())) {
                findings.add(Finding.warning(
                        "BAGIT_ALGORITHM_UNSUPPORTED",
                        name + " uses an algorithm Kho cannot verify; it was not checked. Kho verifies "
                                + String.join(", ", new java.util.TreeSet<>(BagDigests.SUPPORTED)),
                        name));
                continue;
            }
            Manifest manifest = Manifest.parse(root.dir(), name, algorithm.get(), declaration, findings);
            (manifest.isTag() ? tagManifests : payloadManifests).add(manifest);
        }
        if (payloadManifests.isEmpty()) {
            findings.add(Finding.error(
                    "BAGIT_MANIFEST_MISSING",
                    "the bag has no payload manifest (manifest-<algorithm>.txt) that Kho can verify",
                    null));
        }

        Set<String> fetched =
                files.containsKey(FetchList.FILE) ? FetchList.read(root.dir(), declaration, findings) : Set.of();

        Map<String, UnpackedFile> payload = new TreeMap<>();
        files.forEach((path, file) -> {
            if (path.startsWith(PAYLOAD)) {
                payload.put(path, file);
            }
        });

        Set<String> reportedMissing = new HashSet<>();
        Set<String> droppedSystemFiles = new HashSet<>();
        for (Manifest manifest : payloadManifests) {
            verify(manifest, files, fetched, reportedMissing, droppedSystemFiles, findings);
            for (String path : payload.keySet()) {
                if (!manifest.entries().containsKey(path)) {
                    findings.add(Finding.error(
                            "BAGIT_FILE_NOT_IN_MANIFEST",
                            path + " is in the payload but not listed in " + manifest.file()
                                    + " (every payload file must be in every payload manifest)",
                            path));
                }
            }
        }
        for (Manifest manifest : tagManifests) {
            verify(manifest, files, Set.of(), reportedMissing, new HashSet<>(), findings);
        }
        checkFetched(fetched, payload, payloadManifests, findings);

        BagInfo info =
                files.containsKey(BagInfo.FILE) ? BagInfo.read(root.dir(), declaration, findings) : BagInfo.empty();
        checkPayloadOxum(info, payload, droppedSystemFiles.size(), findings);
        checkPayloadNames(payload, findings);

        Map<String, String> content = new LinkedHashMap<>();
        payload.keySet().forEach(p -> content.put(AIP_PAYLOAD + p.substring(PAYLOAD.length()), p));
        if (files.containsKey(BagInfo.FILE)) {
            content.put(AIP_BAG_INFO, BagInfo.FILE);
        }
        return new ParsedPackage(
                PackageFormat.BAGIT, Optional.empty(), descriptive(info, findings), content, findings, submitter(info));
    }

    private static void verify(
            Manifest manifest,
            Map<String, UnpackedFile> files,
            Set<String> fetched,
            Set<String> reportedMissing,
            Set<String> droppedSystemFiles,
            List<Finding> findings) {
        String algorithm = manifest.algorithm();
        boolean digestUnavailableReported = false;
        for (Map.Entry<String, String> entry : manifest.entries().entrySet()) {
            String path = entry.getKey();
            UnpackedFile file = files.get(path);
            if (file == null) {
                reportMissing(
                        manifest,
                        path,
                        entry.getValue(),
                        files,
                        fetched,
                        reportedMissing,
                        droppedSystemFiles,
                        findings);
                continue;
            }
            String actual = file.digests().get(algorithm);
            if (actual == null) {
                if (!digestUnavailableReported) {
                    findings.add(Finding.error(
                            "BAGIT_DIGEST_UNAVAILABLE",
                            "no " + algorithm + " digest was computed while unpacking, so " + manifest.file()
                                    + " cannot be verified",
                            manifest.file()));
                    digestUnavailableReported = true;
                }
                continue;
            }
            if (!actual.equalsIgnoreCase(entry.getValue())) {
                findings.add(Finding.error(
                        "BAGIT_CHECKSUM_MISMATCH",
                        path + " has " + algorithm + " " + actual.toLowerCase(Locale.ROOT) + " but " + manifest.file()
                                + " says " + entry.getValue(),
                        path));
            }
        }
    }

    private static void reportMissing(
            Manifest manifest,
            String path,
            String digest,
            Map<String, UnpackedFile> files,
            Set<String> fetched,
            Set<String> reportedMissing,
            Set<String> droppedSystemFiles,
            List<Finding> findings) {
        if (!reportedMissing.add(path)) {
            return;
        }
        if (fetched.contains(path)) {
            findings.add(Finding.error(
                    "BAGIT_INCOMPLETE",
                    path + " is listed in fetch.txt but not in the package; Kho never fetches URLs, so submit the bag"
                            + " with every file in it",
                    path));
            return;
        }
        if (BagPaths.isSystemFile(path)) {
            droppedSystemFiles.add(path);
            findings.add(Finding.warning(
                    "BAGIT_SYSTEM_FILE_MISSING",
                    path + " is listed in " + manifest.file() + " but absent; it is an operating-system file that"
                            + " tools routinely drop, so its absence is not an error",
                    path));
            return;
        }
        // Bags made on case-insensitive file systems can list one file under two spellings.
        for (Map.Entry<String, String> other : manifest.entries().entrySet()) {
            if (!other.getKey().equals(path)
                    && other.getKey().equalsIgnoreCase(path)
                    && other.getValue().equals(digest)
                    && files.containsKey(other.getKey())) {
                findings.add(Finding.warning(
                        "BAGIT_PATH_CASE_COLLISION",
                        manifest.file() + " lists " + path + " and " + other.getKey()
                                + ", which differ only in case; only " + other.getKey() + " is present",
                        path));
                return;
            }
        }
        findings.add(Finding.error(
                "BAGIT_FILE_MISSING", path + " is listed in " + manifest.file() + " but not in the package", path));
    }

    private static void checkFetched(
            Set<String> fetched,
            Map<String, UnpackedFile> payload,
            List<Manifest> payloadManifests,
            List<Finding> findings) {
        for (String path : fetched) {
            boolean listed = payloadManifests.stream().anyMatch(m -> m.entries().containsKey(path));
            if (!listed && !payloadManifests.isEmpty()) {
                findings.add(Finding.error(
                        "BAGIT_FETCH_NOT_IN_MANIFEST",
                        path + " is listed in fetch.txt but in no payload manifest",
                        path));
            } else if (!listed && !payload.containsKey(path)) {
                findings.add(Finding.error(
                        "BAGIT_INCOMPLETE",
                        path + " is listed in fetch.txt but not in the package; Kho never fetches URLs",
                        path));
            }
        }
    }

    private static void checkPayloadOxum(
            BagInfo info, Map<String, UnpackedFile> payload, int droppedSystemFiles, List<Finding> findings) {
        Optional<String> oxum = info.first("Payload-Oxum");
        if (oxum.isEmpty()) {
            return;
        }
        Matcher m = OXUM.matcher(oxum.get());
        if (!m.matches()) {
            findings.add(Finding.error(
                    "BAGIT_PAYLOAD_OXUM_MALFORMED",
                    "Payload-Oxum '" + oxum.get() + "' is not OCTETCOUNT.STREAMCOUNT",
                    BagInfo.FILE));
            return;
        }
        long octets = 0;
        for (UnpackedFile f : payload.values()) {
            octets += f.size();
        }
        long declaredOctets = Long.parseLong(m.group(1));
        long declaredStreams = Long.parseLong(m.group(2));
        if (declaredOctets == octets && declaredStreams == payload.size()) {
            return;
        }
        if (droppedSystemFiles > 0
                && declaredStreams == payload.size() + droppedSystemFiles
                && declaredOctets >= octets) {
            findings.add(Finding.warning(
                    "BAGIT_PAYLOAD_OXUM_MISMATCH",
                    "Payload-Oxum says " + declaredStreams + " files but the payload has " + payload.size()
                            + "; the difference is the operating-system files that were dropped",
                    BagInfo.FILE));
            return;
        }
        {
            findings.add(Finding.error(
                    "BAGIT_PAYLOAD_OXUM_MISMATCH",
                    "Payload-Oxum says " + declaredOctets + " bytes in " + declaredStreams
                            + " files but the payload has " + octets + " bytes in " + payload.size() + " files",
                    BagInfo.FILE));
        }
    }

    private static void checkPayloadNames(Map<String, UnpackedFile> payload, List<Finding> findings) {
        Map<String, String> byLowerCase = new TreeMap<>();
        for (String path : payload.keySet()) {
            if (BagPaths.isSystemFile(path)) {
                findings.add(Finding.warning(
                        "BAGIT_SYSTEM_FILE",
                        path + " is an operating-system file; it is kept as payload, but it is probably not meant to be"
                                + " preserved",
                        path));
            }
            String other = byLowerCase.putIfAbsent(path.toLowerCase(Locale.ROOT), path);
            if (other != null) {
                findings.add(Finding.warning(
                        "BAGIT_PATH_CASE_COLLISION",
                        path + " and " + other + " differ only in case; they cannot both exist on every file system",
                        path));
            }
        }
    }

    /** The agency a bag names: {@code Source-Organization} (bag-info has no standard field for its identifier). */
    private static Optional<vn.kho.ingest.Submitter> submitter(BagInfo info) {
        return info.first("Source-Organization").map(name -> new vn.kho.ingest.Submitter(name, null));
    }

    private static DescriptiveRecord descriptive(BagInfo info, List<Finding> findings) {
        AccessRegime access = AccessRegime.PUBLIC;
        Optional<String> declared = info.first("Access-Regime");
        if (declared.isPresent()) {
            String value = declared.get().trim();
            Optional<AccessRegime> regime = AccessRegime.fromCode(value);
            if (regime.isEmpty()) {
                for (AccessRegime r : AccessRegime.values()) {
                    if (r != AccessRegime.UNKNOWN && r.name().equalsIgnoreCase(value)) {
                        regime = Optional.of(r);
                    }
                }
            }
            access = regime.orElse(AccessRegime.UNKNOWN);
            if (regime.isEmpty()) {
                findings.add(Finding.warning(
                        "BAGIT_ACCESS_UNKNOWN",
                        "Access-Regime '" + value + "' is not 01/02/03 or PUBLIC/CONDITIONAL/CLASSIFIED; the bag is"
                                + " treated as restricted",
                        BagInfo.FILE));
            }
        }
        String title =
                info.first("Title").or(() -> info.first("External-Description")).orElse(null);
        return new DescriptiveRecord(
                title,
                info.first("External-Identifier").orElse(null),
                info.first("Bagging-Date").orElse(null),
                null,
                null,
                access,
                info.all("Language"),
                info.fields());
    }
}
