package vn.kho.ingest.signature.pdfbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * A loaded revision of a PDF as the comparison reads it: page by page ({@link PageView}), its form fields and the
 * catalog entries that change what a reader sees. Pages are read on demand; {@code remembersPages} keeps their
 * digests (a few hundred bytes a page) for a document compared more than once.
 */
final class DocumentView {
    /**
     * Catalog entries not compared: pages and the form are compared in detail, the others are what later signatures
     * add (/DSS, /Perms, /Extensions, /Version, /Metadata) or do not change what is shown (/StructTreeRoot, /Outlines,
     * /PieceInfo).
     */
    static final Set<String> CATALOG_NOT_COMPARED = Set.of(
            "Type",
            "Pages",
            "AcroForm",
            "DSS",
            "Perms",
            "Extensions",
            "Version",
            "Metadata",
            "StructTreeRoot",
            "Outlines",
            "PieceInfo");

    private final PDDocument document;
    private final CosDigester digester = new CosDigester();
    private final List<PageView> remembered;

    DocumentView(PDDocument document, boolean remembersPages) {
        this.document = document;
        this.remembered = remembersPages ? new ArrayList<>() : null;
    }

    int pageCount() {
        return document.getNumberOfPages();
    }

    /** Page {@code index} (0-based). */
    PageView page(int index) throws IOException {
        if (remembered != null && index < remembered.size()) {
            return remembered.get(index);
        }
        PageView page = PageView.of(document.getPage(index), digester);
        if (remembered != null && index == remembered.size()) {
            remembered.add(page);
        }
        return page;
    }

    Map<String, FormFields.Field> formFields() throws IOException {
        return FormFields.of(acroForm(), digester);
    }

    /** Catalog entries by name → digest, without {@link #CATALOG_NOT_COMPARED}, plus the form's {@code AcroForm/XFA}. */
    Map<String, String> catalogEntries() throws IOException {
        COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
        Map<String, String> entries = new TreeMap<>();
        for (COSName key : catalog.keySet()) {
            if (!CATALOG_NOT_COMPARED.contains(key.getName())) {
                entries.put(key.getName(), digester.hex(catalog.getItem(key)));
            }
        }
        COSDictionary acroForm = acroForm();
        if (acroForm != null && acroForm.containsKey(COSName.XFA)) {
            entries.put("AcroForm/XFA", digester.hex(acroForm.getItem(COSName.XFA)));
        }
        return entries;
    }

    private COSDictionary acroForm() {
        return document.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.ACRO_FORM)
                        instanceof COSDictionary form
                ? form
                : null;
    }
}
