package vn.kho.repository;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything Kho knows about one stored package version that can be derived from storage: what the index holds and
 * what the RDF graph publishes.
 */
public record PackageDescription(
        PackageId id,
        int version,
        PackageFormat format,
        Instant created,
        DescriptiveRecord descriptive,
        List<PackageFile> files,
        List<PremisEvent> events) {
    public PackageDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(descriptive, "descriptive");
        files = List.copyOf(files);
        events = List.copyOf(events);
        if (version < 1) {
            throw new IllegalArgumentException("version < 1");
        }
    }
}
