package vn.kho.ingest.tt05;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The TT05 field names exactly as Kho's readers and rules know them, for code that writes records (the producer tool)
 * rather than reads them: the hồ sơ record ({@code EAD.xml}, {@code <simpledc>}) and the document record
 * ({@code EAD_doc}). Lists are in the profile's order.
 */
public final class Tt05Fields {
    private Tt05Fields() {}

    /** Every field of the hồ sơ record. */
    public static List<String> hoSo() {
        return List.copyOf(Tt05Field.HO_SO.keySet());
    }

    /** The hồ sơ fields {@link Tt05MetadataRules} requires in every SIP. */
    public static Set<String> hoSoRequired() {
        return Tt05Field.HO_SO_REQUIRED;
    }

    /** Every field of a document record ({@code EAD_doc}). */
    public static List<String> document() {
        return List.copyOf(Tt05Field.DOCUMENT.keySet());
    }

    /** The fields {@link Tt05MetadataRules} requires in every {@code EAD_doc} record. */
    public static Set<String> documentRequired() {
        return Tt05Field.DOCUMENT_REQUIRED;
    }

    /** Whether the field may occur more than once (language and keyword); false for a name that is no field. */
    public static boolean repeatable(String name) {
        return field(name).map(Tt05Field::repeatable).orElse(false);
    }

    /** The name with its Vietnamese name, as findings write it: "fileCode (Mã hồ sơ)"; an unknown name as it is. */
    public static String label(String name) {
        return field(name).map(Tt05Field::label).orElse(name);
    }

    private static Optional<Tt05Field> field(String name) {
        return Optional.ofNullable(Tt05Field.HO_SO.get(name))
                .or(() -> Optional.ofNullable(Tt05Field.DOCUMENT.get(name)));
    }
}
