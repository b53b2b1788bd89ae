package vn.kho.ingest.signature;

import java.util.Objects;

/**
 * What happened to a PDF after one of its signatures was applied, as far as the bytes and a reader's view of the
 * document tell. {@code message} says what was found: the changes for {@link Kind#MODIFIED}, the reason for
 * {@link Kind#UNDETERMINED}, a short account for the others.
 */
public record Modification(Kind kind, String message) {
    public enum Kind {
        /** The signature covers the whole file. */
        NONE,
        /**
         * Later incremental updates exist, and none of them changes what was compared: they only add signatures,
         * signature fields with their widgets and appearances, DSS/VRI validation data, /Perms or metadata.
         */
        ALLOWED_UPDATES,
        /** Bytes or later incremental updates change the signed document; {@code message} says what. */
        MODIFIED,
        /** No answer: the byte range cannot be used, or a revision could not be read. */
        UNDETERMINED
    }

    public Modification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    public static Modification none() {
        return new Modification(Kind.NONE, "the signature covers the whole file");
    }

    public static Modification allowedUpdates(String message) {
        return new Modification(Kind.ALLOWED_UPDATES, message);
    }

    public static Modification modified(String message) {
        return new Modification(Kind.MODIFIED, message);
    }

    public static Modification undetermined(String message) {
        return new Modification(Kind.UNDETERMINED, message);
    }

    /**
     * True for {@link Kind#NONE} and {@link Kind#ALLOWED_UPDATES}: what was signed is still what a reader sees, as far
     * as it was compared.
     */
    public boolean isIntact() {
        return kind == Kind.NONE || kind == Kind.ALLOWED_UPDATES;
    }
}
