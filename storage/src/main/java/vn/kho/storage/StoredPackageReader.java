package vn.kho.storage;

import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageId;

/**
 * Reads what a stored package says about itself (its METS, PREMIS and descriptive metadata inside the OCFL object) from
 * one replica: how the index is rebuilt from storage alone.
 */
@FunctionalInterface
public interface StoredPackageReader {
    /**
     * @throws vn.kho.repository.NotFoundException if the replica does not hold the package
     * @throws vn.kho.repository.KhoException (any subclass) if the copy cannot be read or understood; the caller then
     *     tries another replica
     */
    PackageDescription read(Replica replica, PackageId id);
}
