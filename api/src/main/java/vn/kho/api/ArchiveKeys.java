package vn.kho.api;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.api.config.ConfigException;
import vn.kho.api.config.KhoConfig;
import vn.kho.repository.signature.ArchiveSigner;

/**
 * Opens the archive's signing key as configured: a PKCS#12 file whose password is in {@code KHO_KEY_PASSWORD}; or,
 * when no password is given, the default key under {@code data/keys}, created at first start with a self-signed
 * certificate and a random password kept beside it in {@code archive.password} (owner-only), so that Kho starts on its
 * embedded defaults. An archive that needs its key protected apart from its data gives the password in the
 * environment (and keeps the key file elsewhere, or removes the password file once it has the password).
 */
final class ArchiveKeys {
    private static final Logger log = LoggerFactory.getLogger(ArchiveKeys.class);
    static final String PASSWORD_FILE = "archive.password";

    private ArchiveKeys() {}

    static ArchiveSigner open(KhoConfig.Signatures config, Clock clock) {
        Path key = config.keyFile();
        String subject = "CN=" + config.archiveName().replace(",", "\\,") + " archive signing key,O=Kho";
        if (config.keyPassword() != null) {
            return ArchiveSigner.openOrCreate(key, config.keyPassword().toCharArray(), subject, clock);
        }
        Path passwordFile = key.resolveSibling(PASSWORD_FILE);
        try {
            if (!Files.exists(key)) {
                Files.createDirectories(key.getParent());
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                writeOwnerOnly(
                        passwordFile, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                log.warn(
                        "created the archive signing key {} with a random password kept in {}; set KHO_KEY_PASSWORD"
                                + " to keep the password apart from the data",
                        key,
                        passwordFile);
            } else if (!Files.exists(passwordFile)) {
                throw new ConfigException(
                        "archive.key", key + " exists but there is no password for it: set KHO_KEY_PASSWORD");
            }
            String password =
                    Files.readString(passwordFile, StandardCharsets.US_ASCII).strip();
            return ArchiveSigner.openOrCreate(key, password.toCharArray(), subject, clock);
        } catch (IOException e) {
            throw new ConfigException("archive.key", "cannot read or create the archive key " + key + ": " + e);
        }
    }

    /** Writes {@code text} to {@code file} durably and atomically, readable by its owner only. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
