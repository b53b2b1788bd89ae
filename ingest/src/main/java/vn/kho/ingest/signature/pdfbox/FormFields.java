package vn.kho.ingest.signature.pdfbox;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;

/**
 * The terminal fields of an interactive form (AcroForm) by fully qualified name, each with its type and the digest of
 * its value, read from the COS objects (inherited /FT and /V as the specification says).
 */
final class FormFields {
    private static final int MAX_DEPTH = 32;

    /** A terminal field: {@code type} is the /FT name ({@code Sig}, {@code Tx}, …) or {@code null}. */
    record Field(String type, boolean hasValue, String valueDigest) {
        boolean isSignature() {
            return "Sig".equals(type);
        }
    }

    private FormFields() {}

    static Map<String, Field> of(COSDictionary acroForm, CosDigester digester) throws IOException {
        Map<String, Field> fields = new LinkedHashMap<>();
        if (acroForm != null && acroForm.getDictionaryObject(COSName.FIELDS) instanceof COSArray roots) {
            Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < roots.size(); i++) {
                if (roots.getObject(i) instanceof COSDictionary root) {
                    collect(root, fields, seen, digester, 0);
                }
            }
        }
        return fields;
    }

    private static void collect(
            COSDictionary field, Map<String, Field> fields, Set<COSDictionary> seen, CosDigester digester, int depth)
            throws IOException {
        if (depth > MAX_DEPTH || !seen.add(field)) {
            return;
        }
        boolean hasChildFields = false;
        if (field.getDictionaryObject(COSName.KIDS) instanceof COSArray kids) {
            for (int i = 0; i < kids.size(); i++) {
                if (kids.getObject(i) instanceof COSDictionary kid && kid.containsKey(COSName.T)) {
                    hasChildFields = true;
                    collect(kid, fields, seen, digester, depth + 1);
                }
            }
        }
        if (!hasChildFields) {
            COSBase value = inherited(field, COSName.V);
            String type = inherited(field, COSName.FT) instanceof COSName ft ? ft.getName() : null;
            String name = qualifiedName(field);
            String key = name;
            for (int n = 2; fields.containsKey(key); n++) {
                key = name + " #" + n; // two fields of one name: keep both, in order
            }
            fields.put(key, new Field(type, value != null, digester.hex(value)));
        }
    }

    /** The field a widget annotation belongs to: itself when merged with its field (it has /T), else its /Parent. */
    static COSDictionary fieldOfWidget(COSDictionary widget) {
        if (!widget.containsKey(COSName.T) && widget.getDictionaryObject(COSName.PARENT) instanceof COSDictionary p) {
            return p;
        }
        return widget;
    }

    /** {@code key} of {@code field} or of its nearest ancestor that has it. */
    static COSBase inherited(COSDictionary field, COSName key) {
        COSDictionary current = field;
        for (int depth = 0; current != null && depth <= MAX_DEPTH; depth++) {
            COSBase value = current.getDictionaryObject(key);
            if (value != null) {
                return value;
            }
            current = current.getDictionaryObject(COSName.PARENT) instanceof COSDictionary p ? p : null;
        }
        return null;
    }

    /** The partial names /T from the root down, joined with dots. */
    static String qualifiedName(COSDictionary field) {
        StringBuilder name = new StringBuilder();
        COSDictionary current = field;
        for (int depth = 0; current != null && depth <= MAX_DEPTH; depth++) {
            String partial = current.getString(COSName.T);
            if (partial != null) {
                name.insert(0, name.isEmpty() ? partial : partial + ".");
            }
            current = current.getDictionaryObject(COSName.PARENT) instanceof COSDictionary p ? p : null;
        }
        return name.toString();
    }
}
