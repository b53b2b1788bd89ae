package vn.kho.storage.ocfl;

import io.ocfl.api.DigestAlgorithmRegistry;
import io.ocfl.api.OcflConfig;
import io.ocfl.api.model.OcflVersion;
import io.ocfl.core.extension.storage.layout.HashedNTupleLayoutExtension;
import io.ocfl.core.extension.storage.layout.config.HashedNTupleLayoutConfig;
import vn.kho.repository.PackageId;

/**
 * The one storage layout of every Kho OCFL storage root, staging and replicas alike: OCFL 1.1, sha256 content
 * digests, extension 0004-hashed-n-tuple-storage-layout with its defaults (sha256 of the object id, three tuples of
 * three characters, full object root name). Because staging and every replica share it, an object built in staging
 * lands on each replica at the same root-relative path.
 */
public final class KhoOcflLayout {
    public static final String EXTENSION_NAME = HashedNTupleLayoutExtension.EXTENSION_NAME;

    private final HashedNTupleLayoutExtension extension = new HashedNTupleLayoutExtension();

    public KhoOcflLayout() {
        extension.init(layoutConfig());
    }

    /** The 0004 layout parameters, as written to {@code extensions/0004-hashed-n-tuple-storage-layout/config.json}. */
    public static HashedNTupleLayoutConfig layoutConfig() {
        return new HashedNTupleLayoutConfig()
                .setDigestAlgorithm(DigestAlgorithmRegistry.sha256)
                .setTupleSize(3)
                .setNumberOfTuples(3)
                .setShortObjectRoot(false);
    }

    /** OCFL 1.1 with sha256 content digests (which OCFL validators report as warning W004; sha512 is the SHOULD). */
    public static OcflConfig ocflConfig() {
        return new OcflConfig()
                .setOcflVersion(OcflVersion.OCFL_1_1)
                .setDefaultDigestAlgorithm(DigestAlgorithmRegistry.sha256);
    }

    /** The storage-root-relative path of the object root of {@code id} (forward slashes). */
    public String objectRootPath(PackageId id) {
        return extension.mapObjectId(id.urn());
    }
}
