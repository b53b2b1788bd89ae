package vn.kho.ingest.unpack;

/** The finding codes {@link SafeUnzipper} reports; all are errors that reject the package. */
public final class ZipCodes {
    /** Not a zip, a truncated zip, an unreadable central directory or unreadable compressed data. */
    public static final String UNREADABLE = "ZIP_UNREADABLE";
    /** A name that would land outside the package: {@code ..}, absolute, drive letter or backslash-rooted. */
    public static final String PATH_ESCAPE = "ZIP_PATH_ESCAPE";
    /** A name that is empty, has empty or {@code .} segments, control characters or backslashes. */
    public static final String NAME_INVALID = "ZIP_NAME_INVALID";
    /** A path segment longer than the limit, or a whole path too long for the staging filesystem. */
    public static final String NAME_TOO_LONG = "ZIP_NAME_TOO_LONG";
    /** A name whose bytes are not UTF-8 and carry no valid Info-ZIP Unicode Path field. */
    public static final String NAME_NOT_UTF8 = "ZIP_NAME_NOT_UTF8";
    /** A symbolic link, device, FIFO or socket entry. */
    public static final String SYMLINK = "ZIP_SYMLINK";
    /** More entries than the limit. */
    public static final String TOO_MANY_ENTRIES = "ZIP_TOO_MANY_ENTRIES";
    /** A file, or all files together, expanding beyond the limit. */
    public static final String TOO_LARGE = "ZIP_TOO_LARGE";
    /** An entry, or the whole zip, expanding by more than the compression ratio limit. */
    public static final String BOMB = "ZIP_BOMB";
    /** Two entries with the same name. */
    public static final String DUPLICATE_ENTRY = "ZIP_DUPLICATE_ENTRY";
    /** Two names that become the same after Unicode NFC normalisation. */
    public static final String NAME_COLLISION_NFC = "ZIP_NAME_COLLISION_NFC";
    /** Two names that differ only in case, and would overwrite each other on a case-insensitive filesystem. */
    public static final String NAME_COLLISION_CASE = "ZIP_NAME_COLLISION_CASE";
    /** A name used both for a file and for a directory, such as {@code a} and {@code a/b}. */
    public static final String NAME_COLLISION_FILE_DIRECTORY = "ZIP_NAME_COLLISION_FILE_DIRECTORY";
    /** An encrypted entry. */
    public static final String ENCRYPTED = "ZIP_ENCRYPTED";
    /** A compression method other than stored, deflate or deflate64. */
    public static final String UNSUPPORTED_METHOD = "ZIP_UNSUPPORTED_METHOD";
    /** The central directory disagreeing with a local header, with the end record, or with the data. */
    public static final String HEADER_MISMATCH = "ZIP_HEADER_MISMATCH";
    /** Entries whose headers or data overlap each other or the central directory. */
    public static final String OVERLAPPING_ENTRIES = "ZIP_OVERLAPPING_ENTRIES";
    /** Extracted data whose CRC-32 differs from the central directory's. */
    public static final String CRC_MISMATCH = "ZIP_CRC_MISMATCH";
    /** A directory entry that carries data, which would be silently dropped. */
    public static final String DIRECTORY_WITH_DATA = "ZIP_DIRECTORY_WITH_DATA";

    /** A warning that more findings existed than are reported. */
    public static final String FINDINGS_TRUNCATED = "ZIP_FINDINGS_TRUNCATED";

    private ZipCodes() {}
}
