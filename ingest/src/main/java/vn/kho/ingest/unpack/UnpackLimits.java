package vn.kho.ingest.unpack;

/**
 * What a zip may hold before {@link SafeUnzipper} rejects it. Sizes are checked against what the central directory
 * declares before anything is extracted, and again against the bytes actually inflated while extracting.
 *
 * @param maxEntries most entries (files and directories) in the central directory ({@code ZIP_TOO_MANY_ENTRIES})
 * @param maxTotalBytes most bytes all files may expand to together ({@code ZIP_TOO_LARGE})
 * @param maxEntryBytes most bytes one file may expand to ({@code ZIP_TOO_LARGE})
 * @param maxCompressionRatio most expanded bytes per compressed byte, for one entry and for the whole zip, once more
 *     than {@link SafeUnzipper#RATIO_GRACE_BYTES} have been expanded ({@code ZIP_BOMB})
 * @param maxNameBytes most UTF-8 bytes in one path segment ({@code ZIP_NAME_TOO_LONG})
 */
public record UnpackLimits(
        int maxEntries, long maxTotalBytes, long maxEntryBytes, int maxCompressionRatio, int maxNameBytes) {
    public UnpackLimits {
        if (maxEntries < 1 || maxTotalBytes < 1 || maxEntryBytes < 1 || maxCompressionRatio < 1 || maxNameBytes < 1) {
            throw new IllegalArgumentException("unpack limits must be positive: " + maxEntries + ", " + maxTotalBytes
                    + ", " + maxEntryBytes + ", " + maxCompressionRatio + ", " + maxNameBytes);
        }
    }

    /**
     * 100,000 entries, 64 GiB in all, 32 GiB per file, a compression ratio of 250 (deflate itself cannot exceed about
     * 1,032) and 255-byte names, the limit of most filesystems.
     */
    public static UnpackLimits defaults() {
        return new UnpackLimits(100_000, 64L << 30, 32L << 30, 250, 255);
    }

    public UnpackLimits withMaxEntries(int value) {
        return new UnpackLimits(value, maxTotalBytes, maxEntryBytes, maxCompressionRatio, maxNameBytes);
    }

    public UnpackLimits withMaxTotalBytes(long value) {
        return new UnpackLimits(maxEntries, value, maxEntryBytes, maxCompressionRatio, maxNameBytes);
    }

    public UnpackLimits withMaxEntryBytes(long value) {
        return new UnpackLimits(maxEntries, maxTotalBytes, value, maxCompressionRatio, maxNameBytes);
    }

    public UnpackLimits withMaxCompressionRatio(int value) {
        return new UnpackLimits(maxEntries, maxTotalBytes, maxEntryBytes, value, maxNameBytes);
    }

    public UnpackLimits withMaxNameBytes(int value) {
        return new UnpackLimits(maxEntries, maxTotalBytes, maxEntryBytes, maxCompressionRatio, value);
    }
}
