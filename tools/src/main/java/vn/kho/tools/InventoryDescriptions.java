package vn.kho.tools;

import java.util.Comparator;
import java.util.List;
import vn.kho.repository.AccessRegime;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.PackageId;
import vn.kho.storage.ObjectInventory;
import vn.kho.storage.Replica;
import vn.kho.storage.StoredPackageReader;

/**
 * Describes a stored object from its OCFL inventory alone (files, sizes, digests, creation time; no METS, no
 * descriptive metadata): enough to index the synthetic packages of {@code kho bench replicate}, which have no METS.
 */
final class InventoryDescriptions implements StoredPackageReader {
    @Override
    public PackageDescription read(Replica replica, PackageId id) {
        ObjectInventory inventory = replica.inventory(id);
        List<PackageFile> files = inventory.files().values().stream()
                .map(f -> new PackageFile(f.logicalPath(), f.size(), f.sha256(), null))
                .sorted(Comparator.comparing(PackageFile::path))
                .toList();
        return new PackageDescription(
                id,
                inventory.headVersion(),
                PackageFormat.TT05_SIP,
                inventory.created(),
                DescriptiveRecord.empty(AccessRegime.UNKNOWN),
                files,
                List.of());
    }
}
