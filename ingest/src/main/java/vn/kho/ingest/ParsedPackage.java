package vn.kho.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.PackageId;

/**
 * What a package reader made of a package root.
 *
 * @param format the detected format
 * @param declaredId the id the package declares (a TT05 SIP's {@code mets/@OBJID}); empty for a bag
 * @param descriptive the descriptive record
 * @param content AIP logical path → root-relative path of the source file, for the AIP view (the pipeline adds the
 *     {@code submission/} copy of every file itself, and writes Kho's own {@code METS.xml} and
 *     {@code metadata/preservation/PREMIS.xml}, so {@code content} must not use those two paths)
 * @param findings every finding; any error rejects the package
 * @param submitter the agency the package says it comes from, when it says
 */
public record ParsedPackage(
        PackageFormat format,
        Optional<PackageId> declaredId,
        DescriptiveRecord descriptive,
        Map<String, String> content,
        List<Finding> findings,
        Optional<Submitter> submitter) {
    public ParsedPackage {
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(declaredId, "declaredId");
        Objects.requireNonNull(descriptive, "descriptive");
        content = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(content));
        findings = List.copyOf(findings);
    }
}
