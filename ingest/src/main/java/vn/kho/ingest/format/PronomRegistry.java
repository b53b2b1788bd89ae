package vn.kho.ingest.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kho's table from an identified format (media type, version, PDF/A profile) to its PRONOM unique identifier, read
 * from {@code pronom.tsv} beside this class, which documents the columns and why a table stands in for DROID's
 * signature file. Immutable and thread-safe.
 */
public final class PronomRegistry {
    /** One PRONOM format. */
    public record Entry(String puid, String name) {}

    private static final PronomRegistry BUILT_IN = load();
    private final Map<String, Entry> rows;

    private PronomRegistry(Map<String, Entry> rows) {
        this.rows = Map.copyOf(rows);
    }

    public static PronomRegistry builtIn() {
        return BUILT_IN;
    }

    /**
     * The PRONOM format for {@code mediaType}, {@code version} (may be null) and {@code profile} (the claimed PDF/A
     * part and level such as {@code 2b}, or null): the most specific row wins.
     */
    public Optional<Entry> lookup(String mediaType, String version, String profile) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        String v = version == null ? "*" : version;
        String p = profile == null ? "-" : profile.toLowerCase(Locale.ROOT);
        for (String key : new String[] {key(type, v, p), key(type, "*", p), key(type, v, "-"), key(type, "*", "-")}) {
            Entry e = rows.get(key);
            if (e != null) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static String key(String type, String version, String profile) {
        return type + '\t' + version + '\t' + profile;
    }

    private static PronomRegistry load() {
        Map<String, Entry> rows = new HashMap<>();
        try (InputStream in = PronomRegistry.class.getResourceAsStream("pronom.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t");
                if (c.length != 5) {
                    throw new IllegalStateException("pronom.tsv line " + n + " has " + c.length + " columns, not 5");
                }
                if (rows.put(key(c[0].toLowerCase(Locale.ROOT), c[1], c[2]), new Entry(c[3], c[4])) != null) {
                    throw new IllegalStateException("pronom.tsv line " + n + " repeats an earlier row's key");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PronomRegistry(rows);
    }
}
