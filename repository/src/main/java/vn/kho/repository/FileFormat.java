package vn.kho.repository;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What format a file is, as Kho identified it.
 *
 * @param mediaType IANA media type, e.g. {@code application/pdf}
 * @param name the format's name, e.g. {@code PDF/A-2b} or {@code Tagged Image File Format}; may be null
 * @param version the format version, e.g. {@code 1.7}; may be null
 * @param puid the PRONOM unique identifier, e.g. {@code fmt/477}; null when no PRONOM entry was found
 * @param basis how it was identified, e.g. {@code Apache Tika 3.2.3 signature; JHOVE PDF-hul 1.12.4}
 */
public record FileFormat(String mediaType, String name, String version, String puid, String basis) {
    private static final Pattern PUID = Pattern.compile("(x-)?fmt/[0-9]+");

    public FileFormat {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(basis, "basis");
        if (puid != null && !PUID.matcher(puid).matches()) {
            throw new IllegalArgumentException("not a PRONOM PUID: " + puid);
        }
    }

    /** The PRONOM registry's address for this format, or null when it has no PUID. */
    public String pronomUri() {
        return puid == null ? null : "http://www.nationalarchives.gov.uk/pronom/" + puid;
    }
}
