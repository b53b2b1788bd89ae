package vn.kho.storage.ocfl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vn.kho.repository.Finding;

/**
 * The checks of an object root that ocfl-java 2.2.3's validator does not make, from the root's listing alone:
 *
 * <ul>
 *   <li>{@code OCFL_E063}: no {@code inventory.json} (ocfl-java stops at a missing declaration, E003, before it looks);
 *   <li>{@code OCFL_E011}: zero-padded version directories ({@code v01}) beside one that does not start with
 *       {@code v0} ({@code v10});
 *   <li>{@code OCFL_E001}: an entry named like a version directory that is a file (ocfl-java 2.2.3 fails on its own
 *       message there instead of reporting it).
 * </ul>
 *
 * An object root that cannot be listed yields nothing here: ocfl-java reports it.
 */
final class SupplementaryObjectChecks {
    private static final Pattern VERSION = Pattern.compile("v\\d+");
    private static final Pattern PADDED_VERSION = Pattern.compile("v0\\d+");

    private SupplementaryObjectChecks() {}

    /** Findings about {@code objectRoot}, whose path in the reports is {@code objectPath}. */
    static List<Finding> check(Path objectRoot, String objectPath) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(objectRoot)) {
            entries = list.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        if (entries.stream().noneMatch(p -> p.getFileName().toString().equals(OcflInventories.INVENTORY))) {
            findings.add(Finding.error(
                    "OCFL_E063",
                    "the object root has no inventory.json",
                    objectPath + "/" + OcflInventories.INVENTORY));
        }
        List<String> versions = entries.stream()
                .map(p -> p.getFileName().toString())
                .filter(n -> VERSION.matcher(n).matches())
                .toList();
        if (versions.stream().anyMatch(n -> PADDED_VERSION.matcher(n).matches())) {
            versions.stream()
                    .filter(n -> !PADDED_VERSION.matcher(n).matches())
                    .forEach(n -> findings.add(Finding.error(
                            "OCFL_E011",
                            "version directories are zero-padded, but " + n + " does not start with v0",
                            objectPath + "/" + n)));
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (VERSION.matcher(name).matches() && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                findings.add(Finding.error(
                        "OCFL_E001",
                        name + " is named like a version directory but is not a directory",
                        objectPath + "/" + name));
            }
        }
        return findings;
    }
}
