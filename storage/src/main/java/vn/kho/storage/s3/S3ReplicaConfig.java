package vn.kho.storage.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how an {@link S3Replica} keeps its OCFL storage root.
 *
 * @param endpoint the S3 service, e.g. {@code https://s3.example.vn}; null for AWS's own endpoint of {@code region}
 * @param region the signing region (S3-compatible servers mostly accept any, e.g. {@code us-east-1})
 * @param bucket an existing bucket
 * @param prefix the key prefix of the storage root inside the bucket: empty for the bucket's top, otherwise ending
 *     in {@code /} (a missing trailing slash is added; leading slashes are refused)
 * @param accessKey the access key id
 * @param secretKey the secret access key (never shown by {@link #toString()})
 * @param pathStyle whether to address the bucket in the path ({@code endpoint/bucket/key}), as most S3-compatible
 *     servers need, rather than as a host name
 * @param partSize bytes of each part of a multipart upload (at least 5 MiB, the S3 minimum); files larger than one
 *     part are uploaded in parts
 * @param scratchDir a local directory for files spooled before an upload (a repair's bytes, the storage root's
 *     declarations); null for the JVM's temporary directory
 */
public record S3ReplicaConfig(
        URI endpoint,
        String region,
        String bucket,
        String prefix,
        String accessKey,
        String secretKey,
        boolean pathStyle,
        long partSize,
        Path scratchDir) {
    /** The smallest part S3 accepts for any part but the last. */
    public static final long MIN_PART_SIZE = 5L << 20;

    /** The part size used when none is configured: 16 MiB. */
    public static final long DEFAULT_PART_SIZE = 16L << 20;

    public S3ReplicaConfig {
        if (endpoint != null
                && (!endpoint.isAbsolute()
                        || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                        || endpoint.getHost() == null)) {
            throw new IllegalArgumentException("S3 endpoint must be an absolute http(s) URI: " + endpoint);
        }
        requireText(region, "region");
        requireText(bucket, "bucket");
        requireText(accessKey, "accessKey");
        requireText(secretKey, "secretKey");
        prefix = prefix == null ? "" : prefix;
        if (prefix.startsWith("/") || prefix.contains("//")) {
            throw new IllegalArgumentException("S3 key prefix must be relative, without empty segments: " + prefix);
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException(
                    "S3 part size must be at least " + MIN_PART_SIZE + " bytes (5 MiB), not " + partSize);
        }
    }

    /** A configuration with path-style addressing, 16 MiB parts and the JVM's temporary directory. */
    public static S3ReplicaConfig of(
            URI endpoint, String region, String bucket, String prefix, String accessKey, String secretKey) {
        return new S3ReplicaConfig(
                endpoint, region, bucket, prefix, accessKey, secretKey, true, DEFAULT_PART_SIZE, null);
    }

    /** The same configuration with another part size. */
    public S3ReplicaConfig withPartSize(long bytes) {
        return new S3ReplicaConfig(
                endpoint, region, bucket, prefix, accessKey, secretKey, pathStyle, bytes, scratchDir);
    }

    /** The same configuration under another key prefix. */
    public S3ReplicaConfig withPrefix(String keyPrefix) {
        return new S3ReplicaConfig(
                endpoint, region, bucket, keyPrefix, accessKey, secretKey, pathStyle, partSize, scratchDir);
    }

    @Override
    public String toString() {
        return "S3ReplicaConfig[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix="
                + prefix + ", accessKey=" + accessKey + ", pathStyle=" + pathStyle + ", partSize=" + partSize
                + ", scratchDir=" + scratchDir + "]";
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("S3 " + name + " must not be blank");
        }
    }
}
