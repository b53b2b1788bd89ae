package vn.kho.storage.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import vn.kho.repository.FixityMismatchException;

/**
 * Uploads a local file to one key so that the server checks every byte it receives: the file is read once to hash
 * it (sha256 of the whole, MD5 of each request body), then streamed with {@code Content-MD5} on every request. A
 * server that receives other bytes than were hashed (the file changed, the network flipped a bit) refuses the
 * request, so no wrong object becomes visible. Files larger than one part go as a multipart upload, which is aborted
 * when any part fails. Nothing is held in memory but a read buffer.
 */
class S3Uploads {
    private static final int BUFFER = 1 << 20;
    private static final long MAX_PARTS = 10_000;
    private static final String OCTETS = "application/octet-stream";

    private final S3Client s3;
    private final String bucket;
    private final long partSize;

    S3Uploads(S3Client s3, String bucket, long partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    /**
     * Uploads {@code file} to {@code key}.
     *
     * @param expectedSha256 lowercase hex the file must have, or null when any content will do (e.g. an inventory,
     *     whose digest is checked through its sidecar)
     * @return the file's sha256, lowercase hex
     * @throws FixityMismatchException {@code FIXITY_WRITE_MISMATCH} when the file does not have {@code
     *     expectedSha256}; nothing was uploaded
     * @throws IOException when the file cannot be read
     * @throws software.amazon.awssdk.core.exception.SdkException when the server refuses or cannot be reached
     */
    String upload(Path file, String key, String expectedSha256) throws IOException {
        Digests digests = hash(file);
        if (expectedSha256 != null && !expectedSha256.equals(digests.sha256Hex())) {
            throw new FixityMismatchException(
                    "FIXITY_WRITE_MISMATCH",
                    "the bytes for " + key + " have sha256 " + digests.sha256Hex() + ", expected " + expectedSha256);
        }
        if (digests.partMd5s().size() <= 1) {
            s3.putObject(
                    b -> b.bucket(bucket)
                            .key(key)
                            .contentLength(digests.size())
                            .contentMD5(
                                    digests.partMd5s().isEmpty()
                                            ? emptyMd5()
                                            : digests.partMd5s().get(0)),
                    RequestBody.fromContentProvider(() -> open(file, 0, digests.size()), digests.size(), OCTETS));
        } else {
            multipart(file, key, digests);
        }
        return digests.sha256Hex();
    }

    private void multipart(Path file, String key, Digests digests) {
        String uploadId = s3.createMultipartUpload(
                        b -> b.bucket(bucket).key(key).contentType(OCTETS))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int i = 0; i < digests.partMd5s().size(); i++) {
                int number = i + 1;
                long offset = i * digests.partSize();
                long length = Math.min(digests.partSize(), digests.size() - offset);
                String md5 = digests.partMd5s().get(i);
                UploadPartResponse response = s3.uploadPart(
                        b -> b.bucket(bucket)
                                .key(key)
                                .uploadId(uploadId)
                                .partNumber(number)
                                .contentLength(length)
                                .contentMD5(md5),
                        RequestBody.fromContentProvider(() -> open(file, offset, length), length, OCTETS));
                parts.add(CompletedPart.builder()
                        .partNumber(number)
                        .eTag(response.eTag())
                        .build());
            }
            s3.completeMultipartUpload(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    /** One pass over the file: sha256 of all of it, MD5 of each part (one part when it fits in one). */
    private Digests hash(Path file) throws IOException {
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest md5 = digest("MD5");
        List<String> partMd5s = new ArrayList<>();
        long size = 0;
        long inPart = 0;
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long part;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            part = partSizeFor(channel.size());
            while (true) {
                buffer.clear();
                // never read across a part boundary, so each part's MD5 covers exactly its bytes
                buffer.limit((int) Math.min(BUFFER, part - inPart));
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                sha256.update(buffer.duplicate());
                md5.update(buffer);
                size += n;
                inPart += n;
                if (inPart == part) {
                    partMd5s.add(Base64.getEncoder().encodeToString(md5.digest()));
                    inPart = 0;
                }
            }
        }
        if (inPart > 0) {
            partMd5s.add(Base64.getEncoder().encodeToString(md5.digest()));
        }
        return new Digests(size, sha256.digest(), part, List.copyOf(partMd5s));
    }

    /**
     * The configured part size, or a larger one (whole MiB) when the file would otherwise need more than the
     * {@value #MAX_PARTS} parts S3 allows in one upload.
     */
    private long partSizeFor(long fileSize) {
        long needed = (fileSize + MAX_PARTS - 1) / MAX_PARTS;
        long mib = 1L << 20;
        return Math.max(partSize, (needed + mib - 1) / mib * mib);
    }

    /** What one pass over a file found. */
    private record Digests(long size, byte[] sha256, long partSize, List<String> partMd5s) {
        String sha256Hex() {
            return HexFormat.of().formatHex(sha256);
        }
    }

    /**
     * The {@code length} bytes of {@code file} from {@code offset}, as sent; opened anew for each (re)try of a request.
     * Tests override it to send other bytes than were hashed.
     */
    InputStream open(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new Bounded(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String emptyMd5() {
        return Base64.getEncoder().encodeToString(digest("MD5").digest());
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends after {@code remaining} bytes. */
    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
