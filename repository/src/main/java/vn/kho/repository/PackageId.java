package vn.kho.repository;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A package's identity: a UUID. Its canonical form is {@code urn:uuid:<uuid>} (the METS OBJID and the OCFL object
 * id); in URLs a package is named by the bare UUID.
 */
public record PackageId(UUID uuid) {
    private static final String URN = "urn:uuid:";

    public PackageId {
        Objects.requireNonNull(uuid, "uuid");
    }

    public static PackageId random() {
        return new PackageId(UUID.randomUUID());
    }

    /** Accepts {@code urn:uuid:<uuid>} (any case) or a bare UUID; throws {@link BadRequestException} otherwise. */
    public static PackageId parse(String text) {
        if (text == null) {
            throw new BadRequestException("PACKAGE_ID_INVALID", "package id is missing");
        }
        String s = text.trim();
        if (s.toLowerCase(Locale.ROOT).startsWith(URN)) {
            s = s.substring(URN.length());
        }
        if (s.length() != 36) {
            throw new BadRequestException("PACKAGE_ID_INVALID", "not a UUID or urn:uuid: " + text);
        }
        try {
            return new PackageId(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("PACKAGE_ID_INVALID", "not a UUID or urn:uuid: " + text);
        }
    }

    public String urn() {
        return URN + uuid;
    }

    @Override
    public String toString() {
        return uuid.toString();
    }
}
