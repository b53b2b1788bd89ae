package vn.kho.ingest.format;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.kho.repository.Finding;

/**
 * Every file of a package identified and validated.
 *
 * @param files by package-relative path, in path order
 * @param findings what identification and validation found
 * @param jhoveReport JHOVE's report on every validated file as one document, when any file was validated
 */
public record Characterisation(Map<String, FileCheck> files, List<Finding> findings, Optional<Path> jhoveReport) {
    public Characterisation {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        findings = List.copyOf(findings);
    }
}
