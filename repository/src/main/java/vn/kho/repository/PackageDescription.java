package vn.kho.repository;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.kho.repository.signature.SignatureRecord;

/**
 * Everything Kho knows about one stored package version that can be derived from storage: what the index holds and
 * what the RDF graph publishes.
 *
 * @param signatures every signature verified at ingest (package and document signatures), by path, then in the order
 *     each file's signatures were made
 */
public record PackageDescription(
        PackageId id,
        int version,
        PackageFormat format,
        Instant created,
        DescriptiveRecord descriptive,
        List<PackageFile> files,
        List<PremisEvent> events,
        List<SignatureRecord> signatures) {
    public PackageDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(descriptive, "descriptive");
        files = List.copyOf(files);
        events = List.copyOf(events);
        // an index entry written before signatures were recorded has none; one order, whatever the source
        signatures = signatures == null
                ? List.of()
                : signatures.stream()
                        .sorted(java.util.Comparator.comparing(SignatureRecord::path)
                                .thenComparingInt(SignatureRecord::ordinal))
                        .toList();
        if (version < 1) {
            throw new IllegalArgumentException("version < 1");
        }
    }

    /** A package with no signatures. */
    public PackageDescription(
            PackageId id,
            int version,
            PackageFormat format,
            Instant created,
            DescriptiveRecord descriptive,
            List<PackageFile> files,
            List<PremisEvent> events) {
        this(id, version, format, created, descriptive, files, events, List.of());
    }

    /** This description with {@code newSignatures}. */
    public PackageDescription withSignatures(List<SignatureRecord> newSignatures) {
        return new PackageDescription(id, version, format, created, descriptive, files, events, newSignatures);
    }
}
