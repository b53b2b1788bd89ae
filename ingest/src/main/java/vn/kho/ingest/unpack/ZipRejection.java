package vn.kho.ingest.unpack;

import vn.kho.repository.Finding;

/** Internal control flow: a check that makes going on pointless. Never leaves {@link SafeUnzipper}. */
final class ZipRejection extends Exception {
    private final transient Finding finding;

    ZipRejection(String code, String message, String path) {
        super(message, null, false, false);
        this.finding = Finding.error(code, message, path);
    }

    Finding finding() {
        return finding;
    }
}
