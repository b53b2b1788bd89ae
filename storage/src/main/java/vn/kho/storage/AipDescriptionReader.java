package vn.kho.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageId;
import vn.kho.repository.aip.AipMets;
import vn.kho.repository.premis.PremisXml;

/**
 * Reads a package's description back from its AIP alone: Kho's {@code METS.xml} (descriptive record, format,
 * version, media types) and {@code metadata/preservation/PREMIS.xml} (events). The file list comes from the OCFL
 * inventory, which is what storage actually holds (METS cannot list itself); media types come from the METS.
 */
public final class AipDescriptionReader implements StoredPackageReader {
    public static final String METS_PATH = "METS.xml";
    public static final String PREMIS_PATH = "metadata/preservation/PREMIS.xml";
    /** The archive's signature of its METS: written after the METS, so the METS cannot list it. */
    public static final String METS_SIGNATURE_PATH = "METS.xml.p7s";

    @Override
    public PackageDescription read(Replica replica, PackageId id) {
        PremisXml.Contents premis;
        try (InputStream in = replica.open(id, PREMIS_PATH)) {
            premis = PremisXml.readContents(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PackageDescription described;
        try (InputStream in = replica.open(id, METS_PATH)) {
            described = AipMets.read(in, premis.events());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> mediaTypes = described.files().stream()
                .filter(f -> f.mediaType() != null)
                .collect(Collectors.toMap(PackageFile::path, PackageFile::mediaType, (a, b) -> a));
        // PREMIS describes each characterised content file once; its byte-identical copies (the submission/ view)
        // share the characterisation.
        Map<String, PackageFile> bySha256 = new HashMap<>();
        premis.files().values().forEach(f -> bySha256.putIfAbsent(f.sha256(), f));
        ObjectInventory inventory = replica.inventory(id);
        List<PackageFile> files = new ArrayList<>();
        new TreeMap<>(inventory.files()).values().forEach(c -> {
            PackageFile characterised = premis.files().getOrDefault(c.logicalPath(), bySha256.get(c.sha256()));
            PackageFile f = new PackageFile(
                    c.logicalPath(),
                    c.size(),
                    c.sha256(),
                    mediaTypes.getOrDefault(c.logicalPath(), unlistedMediaType(c.logicalPath())));
            files.add(characterised == null ? f : f.characterised(characterised.format(), characterised.validation()));
        });
        return new PackageDescription(
                described.id(),
                inventory.headVersion(),
                described.format(),
                described.created(),
                described.descriptive(),
                files,
                premis.events(),
                premis.signatures());
    }

    /** The media type of the two files the METS cannot list: itself and its signature. */
    private static String unlistedMediaType(String path) {
        return switch (path) {
            case METS_PATH -> "application/xml";
            case METS_SIGNATURE_PATH -> "application/pkcs7-signature";
            default -> null;
        };
    }
}
