package vn.kho.ingest.signature.pdfbox;

import java.io.IOException;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;

/**
 * One annotation of a page as a reader sees it. {@code identity} holds the subtype, rectangle, flags, text and the
 * digests of the appearance streams and the appearance state: two annotations with the same identity look the same.
 * {@code description} names it in messages.
 */
record AnnotationView(Kind kind, String description, String identity) {
    enum Kind {
        ANNOTATION,
        FORM_WIDGET,
        SIGNED_SIGNATURE_WIDGET,
        EMPTY_SIGNATURE_WIDGET;

        boolean isSignatureWidget() {
            return this == SIGNED_SIGNATURE_WIDGET || this == EMPTY_SIGNATURE_WIDGET;
        }
    }

    static AnnotationView of(COSDictionary annotation, CosDigester digester) throws IOException {
        String subtype = annotation.getNameAsString(COSName.SUBTYPE);
        String rect = annotation.getDictionaryObject(COSName.RECT) instanceof COSArray r
                ? r.toFloatArray().length == 4 ? rect(r.toFloatArray()) : "?"
                : "none";
        String identity = subtype + " rect " + rect
                + " flags " + annotation.getInt(COSName.F, 0)
                + " contents " + digester.hex(annotation.getDictionaryObject(COSName.CONTENTS))
                + " appearance " + digester.hex(annotation.getDictionaryObject(COSName.AP))
                + " state " + annotation.getNameAsString(COSName.AS);
        if (!"Widget".equals(subtype)) {
            return new AnnotationView(Kind.ANNOTATION, subtype + " annotation at " + rect, identity);
        }
        COSDictionary field = FormFields.fieldOfWidget(annotation);
        String name = FormFields.qualifiedName(field);
        if (!"Sig".equals(FormFields.inherited(field, COSName.FT) instanceof COSName ft ? ft.getName() : null)) {
            return new AnnotationView(Kind.FORM_WIDGET, "widget of form field '" + name + "'", identity);
        }
        boolean signed = FormFields.inherited(field, COSName.V) instanceof COSDictionary;
        return new AnnotationView(
                signed ? Kind.SIGNED_SIGNATURE_WIDGET : Kind.EMPTY_SIGNATURE_WIDGET,
                "widget of signature field '" + name + "'",
                identity);
    }

    private static String rect(float[] r) {
        return "[" + r[0] + " " + r[1] + " " + r[2] + " " + r[3] + "]";
    }
}
