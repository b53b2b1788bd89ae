package vn.kho.ingest.unpack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.AsiExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipShort;
import vn.kho.repository.Finding;
import vn.kho.repository.StorageFailureException;

/**
 * Extracts an uploaded zip, which is assumed hostile, into a directory, hashing every file in the pass that writes it.
 *
 * <p><b>What it promises.</b> Problems with the zip are returned as {@link ZipCodes coded} error findings, never thrown.
 * Every name-level and metadata check runs on the central directory and the local headers before a single byte is
 * extracted, and all such problems are reported together; if any is found nothing is extracted. During extraction the
 * bytes actually expanded (never the declared sizes) are counted against the {@link UnpackLimits}, before they are
 * written, and extraction stops at the first problem. Nothing is ever written outside the target directory. When the
 * result holds an error the caller must delete the target directory, which may hold part of the package.
 *
 * <p><b>What it checks.</b> The end record must end the file and the central directory must end where it starts (so
 * no two readers disagree on where the entries are); the entry count, the central directory's size, the declared
 * and actual expanded sizes and compression ratios against the limits; every name (below); encryption; unsupported
 * compression methods (only stored, deflate and deflate64 are read); symbolic links and other special files (Unix
 * file type in the external attributes, or a link in an ASi Unix extra field); each local header against the central directory (signature, flags, method,
 * name bytes, and CRC-32 and sizes when no data descriptor is used); overlapping entries (the overlapping-files zip
 * bomb) and entries running into the central directory; each entry's CRC-32 and size after extraction. Zip64 is
 * supported; split archives are not.
 *
 * <p><b>How names are decoded.</b> Zip names are bytes. If the UTF-8 flag (general purpose bit 11, EFS) is set, they
 * must be valid UTF-8. If it is not set, bytes that are valid UTF-8 (plain ASCII included) are taken as UTF-8;
 * otherwise the Info-ZIP Unicode Path extra field (0x7075) is used when present and its CRC-32 matches the name bytes;
 * otherwise the entry is rejected with {@code ZIP_NAME_NOT_UTF8}, naming it by its hex bytes. Legacy code pages
 * (CP437, Windows-1258, TCVN3) are never guessed: a wrong guess would silently turn Vietnamese names into other
 * names. Decoded names are normalised to Unicode NFC, and the NFC form is the output path.
 *
 * <p><b>What a name may be.</b> Relative, '/'-separated, no empty, {@code .} or {@code ..} segments, no backslash, no
 * drive letter, no control character, each segment at most {@link UnpackLimits#maxNameBytes()} UTF-8 bytes and the
 * whole path at most 3,072. No two entries may land on the same path, whether spelled identically, in different
 * Unicode forms, in different case, or once as a file and once as a directory.
 *
 * <p>Instances are immutable and may be shared between threads; each call uses its own buffers.
 */
public final class SafeUnzipper {
    /**
     * The compression ratio limit applies once an entry, or the whole package, has expanded beyond this many bytes
     * (4 MiB): small, very regular files legitimately compress far better than large ones.
     */
    public static final long RATIO_GRACE_BYTES = 4L << 20;

    /** At most this many findings are reported; a hostile zip may otherwise produce one per entry. */
    static final int MAX_FINDINGS = 1000;

    /**
     * The central directory may average this many bytes per allowed entry. It is checked before commons-compress
     * loads the directory, so that a directory too large for the heap is refused unread.
     */
    static final long MAX_DIRECTORY_BYTES_PER_ENTRY = 512;

    private static final int ENCRYPTED_FLAG = 1;
    private static final int STRONG_ENCRYPTION_FLAG = 1 << 6;
    private static final int DATA_DESCRIPTOR_FLAG = 1 << 3;
    /** Bits 1 and 2 only describe the deflate level used, and writers disagree on them between headers. */
    private static final int COMPARED_FLAGS = ~0x0006 & 0xFFFF;

    private static final int UNIX_TYPE_MASK = 0xF000;
    private static final int UNIX_REGULAR = 0x8000;
    private static final int UNIX_DIRECTORY = 0x4000;
    private static final int UNIX_SYMLINK = 0xA000;
    private static final ZipShort ASI_UNIX = new ZipShort(0x756e);

    private final UnpackLimits limits;

    public SafeUnzipper(UnpackLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Unpacks computing only {@code sha256}; see {@link #unpack(Path, Path, Function)}. */
    public UnpackedPackage unpack(Path zip, Path targetDir) {
        return unpack(zip, targetDir, names -> Set.of());
    }

    /**
     * Unpacks {@code zip} into {@code targetDir}.
     *
     * @param zip the uploaded zip, already on Kho's disk
     * @param targetDir where to extract; created when absent, else it must be an empty directory
     * @param algorithms given the (checked, NFC) paths of the regular files, returns the BagIt names of the digest
     *     algorithms to compute besides {@code sha256}; called once, after all checks on names passed and before
     *     anything is extracted
     * @return the files written (in central directory order) and the findings; any error finding rejects the package
     * @throws StorageFailureException when Kho's own disk fails (reading the zip, writing the target)
     * @throws IllegalArgumentException when {@code targetDir} is not an empty directory, or {@code algorithms} names an
     *     algorithm {@link DigestAlgorithms#isSupported(String) not supported}
     */
    public UnpackedPackage unpack(Path zip, Path targetDir, Function<List<String>, Set<String>> algorithms) {
        return unpack(zip, targetDir, algorithms, (file, size) -> {});
    }

    /**
     * As {@link #unpack(Path, Path, Function)}, telling {@code written} of each file and the bytes written once it is
     * written and closed (before its size and CRC-32 are checked), e.g. to start its writeback early.
     */
    public UnpackedPackage unpack(
            Path zip,
            Path targetDir,
            Function<List<String>, Set<String>> algorithms,
            java.util.function.ObjLongConsumer<Path> written) {
        Objects.requireNonNull(written, "written");
        Path base = prepare(targetDir);
        FindingList findings = new FindingList();
        List<UnpackedFile> files = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            unpack(zip, channel, base, algorithms, written, findings, files);
        } catch (ZipRejection rejection) {
            findings.add(rejection.finding());
        } catch (IOException e) {
            throw new StorageFailureException(
                    "STORAGE_FAILURE", "could not unpack " + zip + " into " + targetDir + ": " + e, e);
        }
        return new UnpackedPackage(targetDir, files, findings.list());
    }

    private void unpack(
            Path zip,
            FileChannel channel,
            Path base,
            Function<List<String>, Set<String>> algorithms,
            java.util.function.ObjLongConsumer<Path> written,
            FindingList findings,
            List<UnpackedFile> files)
            throws IOException, ZipRejection {
        long zipSize = channel.size();
        ZipTail tail = ZipTail.read(channel, zipSize);
        if (tail.entries() > limits.maxEntries()) {
            throw tooManyEntries(tail.entries());
        }
        if (tail.cdSize() > limits.maxEntries() * MAX_DIRECTORY_BYTES_PER_ENTRY) {
            throw new ZipRejection(
                    ZipCodes.TOO_MANY_ENTRIES,
                    "the central directory is " + tail.cdSize() + " bytes, more than " + limits.maxEntries()
                            + " entries may take",
                    null);
        }
        List<ZipArchiveEntry> entries = readCentralDirectory(zip);
        if (entries.size() > limits.maxEntries()) {
            throw tooManyEntries(entries.size());
        }
        if (entries.size() != tail.entries()) {
            findings.add(Finding.error(
                    ZipCodes.HEADER_MISMATCH,
                    "the end record declares " + tail.entries() + " entries but the central directory holds "
                            + entries.size(),
                    null));
        }
        List<CheckedEntry> checked = check(channel, zipSize, tail, entries, findings);
        if (findings.errors() > 0) {
            return;
        }
        List<String> filePaths = checked.stream()
                .filter(entry -> !entry.directory())
                .map(CheckedEntry::path)
                .toList();
        try (EntryExtractor extractor =
                new EntryExtractor(channel, zipSize, base, limits, algorithms(algorithms.apply(filePaths)), written)) {
            for (CheckedEntry entry : checked) {
                if (!base.resolve(entry.path()).normalize().startsWith(base)) {
                    // Unreachable after the name checks; kept so that a future change cannot silently escape.
                    throw new ZipRejection(
                            ZipCodes.PATH_ESCAPE, "entry '" + entry.path() + "' escapes the package", entry.path());
                }
                if (entry.directory()) {
                    extractor.createDirectory(entry);
                } else {
                    files.add(extractor.extract(entry));
                }
            }
        }
    }

    private List<CheckedEntry> check(
            FileChannel channel, long zipSize, ZipTail tail, List<ZipArchiveEntry> entries, FindingList findings)
            throws IOException {
        NameCollisions collisions = new NameCollisions(findings::add);
        List<CheckedEntry> checked = new ArrayList<>(entries.size());
        List<Range> ranges = new ArrayList<>(entries.size());
        long declaredTotal = 0;
        for (int index = 0; index < entries.size(); index++) {
            ZipArchiveEntry entry = entries.get(index);
            int errorsBefore = findings.errors();
            byte[] raw = entry.getRawName();
            int unixType = (int) ((entry.getExternalAttributes() >>> 16) & UNIX_TYPE_MASK);
            boolean directory = (raw.length > 0 && raw[raw.length - 1] == '/') || unixType == UNIX_DIRECTORY;

            String name = null;
            String path = null;
            try {
                String decoded = EntryNames.decode(entry, index);
                name = Normalizer.normalize(decoded, Normalizer.Form.NFC);
                path = EntryNames.check(name, limits.maxNameBytes());
                collisions.add(stripSlash(decoded), path, directory, name);
            } catch (ZipRejection rejection) {
                findings.add(rejection.finding());
            }
            String label = name != null
                    ? "entry '" + EntryNames.display(name) + "'"
                    : "entry #" + index + " (name bytes " + HexFormat.of().formatHex(raw) + ")";
            String at = name == null ? null : EntryNames.display(name);

            int flags = entry.getRawFlag();
            if ((flags & (ENCRYPTED_FLAG | STRONG_ENCRYPTION_FLAG)) != 0) {
                findings.add(Finding.error(ZipCodes.ENCRYPTED, label + " is encrypted", at));
            }
            if (unixType == UNIX_SYMLINK
                    || (entry.getExtraField(ASI_UNIX) instanceof AsiExtraField asi && asi.isLink())) {
                findings.add(Finding.error(ZipCodes.SYMLINK, label + " is a symbolic link", at));
            } else if (unixType != 0 && unixType != UNIX_REGULAR && unixType != UNIX_DIRECTORY) {
                findings.add(Finding.error(
                        ZipCodes.SYMLINK,
                        label + " is a special file (Unix file type 0" + Integer.toOctalString(unixType)
                                + "), not a regular file or directory",
                        at));
            }
            if (entry.getDiskNumberStart() != 0) {
                findings.add(Finding.error(ZipCodes.UNREADABLE, label + " is on another disk of a split zip", at));
            }
            long compressedSize = entry.getCompressedSize();
            long size = entry.getSize();
            if (compressedSize < 0 || size < 0) {
                findings.add(Finding.error(ZipCodes.UNREADABLE, label + " has no valid sizes", at));
                continue;
            }
            int method = entry.getMethod();
            if (directory) {
                if (size > 0) {
                    findings.add(Finding.error(
                            ZipCodes.DIRECTORY_WITH_DATA, label + " is a directory but holds " + size + " bytes", at));
                }
            } else {
                if (method != EntryExtractor.STORED
                        && method != EntryExtractor.DEFLATED
                        && method != EntryExtractor.DEFLATE64) {
                    findings.add(Finding.error(
                            ZipCodes.UNSUPPORTED_METHOD,
                            label + " uses compression method " + method
                                    + "; only stored (0), deflate (8) and deflate64 (9) are accepted",
                            at));
                }
                if (method == EntryExtractor.STORED && compressedSize != size) {
                    findings.add(Finding.error(
                            ZipCodes.HEADER_MISMATCH,
                            label + " is stored but its compressed size " + compressedSize + " differs from its size "
                                    + size,
                            at));
                }
                if (size > limits.maxEntryBytes()) {
                    findings.add(Finding.error(
                            ZipCodes.TOO_LARGE,
                            label + " declares " + size + " bytes, more than the limit of " + limits.maxEntryBytes(),
                            at));
                }
                if (exceedsRatio(size, compressedSize, limits.maxCompressionRatio())) {
                    findings.add(Finding.error(
                            ZipCodes.BOMB,
                            label + " declares " + size + " bytes from " + compressedSize
                                    + " compressed bytes, a ratio above " + limits.maxCompressionRatio(),
                            at));
                }
                declaredTotal = saturatedAdd(declaredTotal, size);
            }

            String entryName = name == null ? "#" + index : name;
            try {
                LocalFileHeader local =
                        LocalFileHeader.read(channel, entry.getLocalHeaderOffset(), tail.cdOffset(), entryName);
                List<String> disagreements = compare(entry, local);
                if (!disagreements.isEmpty()) {
                    findings.add(Finding.error(
                            ZipCodes.HEADER_MISMATCH,
                            label + ": its local header disagrees with the central directory on "
                                    + String.join(", ", disagreements),
                            at));
                }
                long dataEnd = local.dataOffset() + compressedSize;
                if (dataEnd < 0 || dataEnd > tail.cdOffset()) {
                    findings.add(Finding.error(
                            ZipCodes.OVERLAPPING_ENTRIES,
                            label + ": its " + compressedSize + " bytes of data run into the central directory",
                            at));
                } else {
                    ranges.add(new Range(local.offset(), dataEnd, label, at));
                }
                if (findings.errors() == errorsBefore) {
                    checked.add(new CheckedEntry(
                            path, directory, method, local.dataOffset(), compressedSize, size, entry.getCrc()));
                }
            } catch (ZipRejection rejection) {
                findings.add(rejection.finding());
            }
        }
        if (declaredTotal > limits.maxTotalBytes()) {
            findings.add(Finding.error(
                    ZipCodes.TOO_LARGE,
                    "the files declare " + declaredTotal + " bytes in all, more than the limit of "
                            + limits.maxTotalBytes(),
                    null));
        }
        if (exceedsRatio(declaredTotal, zipSize, limits.maxCompressionRatio())) {
            findings.add(Finding.error(
                    ZipCodes.BOMB,
                    "the files declare " + declaredTotal + " bytes from a " + zipSize + "-byte zip, a ratio above "
                            + limits.maxCompressionRatio(),
                    null));
        }
        checkOverlaps(ranges, findings);
        return checked;
    }

    /** What a local header says differently from the central directory. */
    private static List<String> compare(ZipArchiveEntry entry, LocalFileHeader local) {
        List<String> disagreements = new ArrayList<>();
        int flags = entry.getRawFlag();
        if ((local.flags() & COMPARED_FLAGS) != (flags & COMPARED_FLAGS)) {
            disagreements.add(String.format("flags (%04x, %04x)", local.flags(), flags));
        }
        if (local.method() != entry.getMethod()) {
            disagreements.add("compression method (" + local.method() + ", " + entry.getMethod() + ")");
        }
        if (!Arrays.equals(local.name(), entry.getRawName())) {
            disagreements.add("name ('" + HexFormat.of().formatHex(local.name()) + "' in hex)");
        }
        if ((flags & DATA_DESCRIPTOR_FLAG) == 0) {
            if (local.crc() != entry.getCrc()) {
                disagreements.add(String.format("CRC-32 (%08x, %08x)", local.crc(), entry.getCrc()));
            }
            if (local.compressedSize() != entry.getCompressedSize()) {
                disagreements.add(
                        "compressed size (" + local.compressedSize() + ", " + entry.getCompressedSize() + ")");
            }
            if (local.size() != entry.getSize()) {
                disagreements.add("size (" + local.size() + ", " + entry.getSize() + ")");
            }
        }
        return disagreements;
    }

    private record Range(long start, long end, String label, String path) {}

    /** Each entry's local header and data must not overlap another's: that is how overlapping-files bombs work. */
    private static void checkOverlaps(List<Range> ranges, FindingList findings) {
        ranges.sort(Comparator.comparingLong(Range::start).thenComparingLong(Range::end));
        Range furthest = null;
        for (Range range : ranges) {
            if (furthest != null && range.start() < furthest.end()) {
                findings.add(Finding.error(
                        ZipCodes.OVERLAPPING_ENTRIES,
                        range.label() + " (bytes " + range.start() + " to " + range.end() + ") overlaps "
                                + furthest.label() + " (bytes " + furthest.start() + " to " + furthest.end() + ")",
                        range.path()));
            }
            if (furthest == null || range.end() > furthest.end()) {
                furthest = range;
            }
        }
    }

    private static List<ZipArchiveEntry> readCentralDirectory(Path zip) throws ZipRejection {
        try (ZipFile file = ZipFile.builder()
                .setPath(zip)
                // Names are decoded here, from the raw bytes, by the rules in the class Javadoc.
                .setUseUnicodeExtraFields(false)
                // Local headers are read and compared with the central directory here, with precise findings.
                .setIgnoreLocalFileHeader(true)
                .setMaxNumberOfDisks(1)
                .get()) {
            return Collections.list(file.getEntries());
        } catch (IOException | RuntimeException e) {
            // The end record was readable, so this is the central directory's content, not Kho's disk.
            throw new ZipRejection(
                    ZipCodes.UNREADABLE, "the central directory cannot be read: " + e.getMessage(), null);
        }
    }

    private List<String> algorithms(Set<String> requested) {
        TreeSet<String> names = new TreeSet<>();
        if (requested != null) {
            for (String name : requested) {
                if (!DigestAlgorithms.isSupported(name)) {
                    throw new IllegalArgumentException("unsupported digest algorithm requested: " + name);
                }
                names.add(name);
            }
        }
        names.remove(DigestAlgorithms.SHA256);
        List<String> ordered = new ArrayList<>();
        ordered.add(DigestAlgorithms.SHA256);
        ordered.addAll(names);
        return ordered;
    }

    private static Path prepare(Path targetDir) {
        try {
            if (Files.exists(targetDir, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(targetDir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException("not a directory: " + targetDir);
                }
                try (Stream<Path> children = Files.list(targetDir)) {
                    if (children.findAny().isPresent()) {
                        throw new IllegalArgumentException("not empty: " + targetDir);
                    }
                }
            } else {
                Files.createDirectories(targetDir);
            }
            return targetDir.toRealPath();
        } catch (IOException e) {
            throw new StorageFailureException(
                    "STORAGE_FAILURE", "cannot prepare the unpack directory " + targetDir + ": " + e, e);
        }
    }

    /** Whether {@code expanded} bytes from {@code compressed} exceed {@code ratio}, past the grace size. */
    static boolean exceedsRatio(long expanded, long compressed, int ratio) {
        if (expanded <= RATIO_GRACE_BYTES) {
            return false;
        }
        return compressed <= Long.MAX_VALUE / ratio && expanded > compressed * ratio;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static String stripSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private ZipRejection tooManyEntries(long count) {
        return new ZipRejection(
                ZipCodes.TOO_MANY_ENTRIES,
                "the zip has " + count + " entries, more than the limit of " + limits.maxEntries(),
                null);
    }

    /** Findings, capped at {@link #MAX_FINDINGS}, counting every error even past the cap. */
    private static final class FindingList {
        private final List<Finding> list = new ArrayList<>();
        private int errors;

        void add(Finding finding) {
            if (finding.isError()) {
                errors++;
            }
            if (list.size() < MAX_FINDINGS) {
                list.add(finding);
            } else if (list.size() == MAX_FINDINGS) {
                list.add(Finding.warning(
                        ZipCodes.FINDINGS_TRUNCATED,
                        "more than " + MAX_FINDINGS + " findings; the rest are not reported",
                        null));
            }
        }

        int errors() {
            return errors;
        }

        List<Finding> list() {
            return list;
        }
    }
}
