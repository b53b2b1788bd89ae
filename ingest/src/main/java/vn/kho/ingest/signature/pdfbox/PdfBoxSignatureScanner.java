package vn.kho.ingest.signature.pdfbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.ingest.signature.Modification;
import vn.kho.ingest.signature.PdfSignature;
import vn.kho.ingest.signature.PdfSignatureScanner;
import vn.kho.ingest.signature.PdfValidationData;

/**
 * Finds signatures with PDFBox: every signature field of the AcroForm whose value is a signature dictionary. The file
 * is read through PDFBox's buffered file access, never as a whole.
 *
 * <h2>Modification after a signature</h2>
 *
 * Revisions end at each {@code %%EOF} (with one optional end of line). For a signature whose range ends at byte
 * {@code E}:
 *
 * <ol>
 *   <li>{@code E} is the end of the file: {@link Modification.Kind#NONE}.
 *   <li>{@code E} is not the end of a revision: {@link Modification.Kind#MODIFIED}.
 *   <li>Bytes other than whitespace follow the last {@code %%EOF}: {@link Modification.Kind#MODIFIED} (appended data
 *       that no incremental update accounts for).
 *   <li>Otherwise the signed revision (the file's first {@code E} bytes) and the current document are loaded and
 *       compared; no difference is {@link Modification.Kind#ALLOWED_UPDATES}, any is {@link
 *       Modification.Kind#MODIFIED} with the differences listed; a revision PDFBox cannot load is {@link
 *       Modification.Kind#UNDETERMINED}.
 * </ol>
 *
 * <p><b>Compared</b>, page by page as digests (a few hundred bytes a page are kept, not content):
 *
 * <ul>
 *   <li>the page count;
 *   <li>each page's content streams, decoded and concatenated; MediaBox, CropBox, Rotate and UserUnit (inherited
 *       values as PDFBox resolves them); its /Group and /AA (page actions);
 *   <li>each named resource of the page's (inherited) /Resources (fonts, XObjects, graphics states, colour spaces,
 *       patterns, shadings, properties), by a digest of the object and all it reaches, streams by their raw bytes: a
 *       form XObject's own resources are included, and a font or image written again with other bytes counts as
 *       changed;
 *   <li>each annotation of the page: subtype, rectangle, flags, /Contents, the appearance streams (/AP, deep) and
 *       the appearance state. Every annotation of the signed revision must still be there looking the same, except an
 *       empty signature field's widget (signing it fills it); new annotations may only be widgets of signature fields;
 *   <li>the form's terminal fields by fully qualified name: type and value (inherited /V, deep digest). Fields may
 *       not disappear or change value; a signature field signed in the signed revision must keep its signature
 *       dictionary; new fields may only be signature fields (a new text field would put new text on a page);
 *   <li>every entry of the document catalog except /Pages and /AcroForm (compared above) and /DSS, /Perms,
 *       /Extensions, /Version, /Metadata (what later signatures and archive timestamps add) and /StructTreeRoot,
 *       /Outlines, /PieceInfo (not shown); so /OpenAction, /AA, /Names (JavaScript, embedded files), /OCProperties
 *       (layers shown or hidden) and the others are compared; and the form's /XFA.
 * </ul>
 *
 * <p><b>Not compared</b>: the document information dictionary (/Info) and the XMP metadata; the catalog's /Outlines,
 * /StructTreeRoot and /PieceInfo; page entries other than those listed (/Tabs, /StructParents, /Thumb, /B, …); the
 * form's /DR, /DA, /NeedAppearances, /SigFlags and /CO; objects that no page, field or compared catalog entry
 * reaches; bytes between revisions that no cross-reference section points to. Whether a change is one that a
 * certification signature's /DocMDP permissions allow is not judged: filling in the fields of a certified form after
 * signing comes out {@link Modification.Kind#MODIFIED}, as does a new non-signature field or annotation (for example a
 * number and date stamped as a text field or FreeText annotation after signing).
 *
 * <p>A {@code %%EOF} inside a stream counts as a revision end too; a signed range ending there still has to load and
 * compare as a document.
 */
public final class PdfBoxSignatureScanner implements PdfSignatureScanner {
    private static final Logger log = LoggerFactory.getLogger(PdfBoxSignatureScanner.class);

    @Override
    public List<PdfSignature> scan(Path pdf) {
        long fileLength;
        RevisionBoundaries boundaries;
        try {
            fileLength = Files.size(pdf);
            boundaries = RevisionBoundaries.of(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pdf, e);
        }
        try (PDDocument document = Loader.loadPDF(pdf.toFile());
                FileChannel channel = FileChannel.open(pdf, StandardOpenOption.READ)) {
            ModificationAnalysis analysis = new ModificationAnalysis(pdf, boundaries, document);
            List<PdfSignature> signatures = new ArrayList<>();
            for (PDSignatureField field : document.getSignatureFields()) {
                PDSignature dictionary = field.getSignature();
                if (dictionary != null) {
                    PdfSignature signature = SignatureDictionaryReader.read(
                            field.getFullyQualifiedName(), dictionary, pdf, channel, fileLength);
                    signatures.add(
                            signature.hasUsableByteRange()
                                    ? signature.withModification(analysis.after(signature.signedRevisionEnd()))
                                    : signature);
                }
            }
            signatures.sort(Comparator.comparingLong(PdfSignature::signedRevisionEnd));
            return List.copyOf(signatures);
        } catch (IOException e) {
            log.debug("{} is not a PDF PDFBox can read: {}", pdf, e.toString());
            return List.of();
        } catch (RuntimeException e) {
            // PDFBox meets some malformed structures with unchecked exceptions; the format validator reports the file
            log.warn("cannot read the signature fields of {}", pdf, e);
            return List.of();
        }
    }

    /** A DSS stream larger than this is not read: country-wide CRLs reach a few megabytes, nothing real more. */
    static final long MAX_DSS_STREAM_BYTES = 32L << 20;

    @Override
    public PdfValidationData validationData(Path pdf) {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            COSDictionary dss =
                    document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            if (dss == null) {
                return PdfValidationData.none();
            }
            return new PdfValidationData(streams(dss, "Certs", pdf), streams(dss, "CRLs", pdf));
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read the DSS of {}: {}", pdf, e.toString());
            return PdfValidationData.none();
        }
    }

    private static List<byte[]> streams(COSDictionary dss, String key, Path pdf) throws IOException {
        COSArray array = dss.getCOSArray(COSName.getPDFName(key));
        List<byte[]> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            if (array.getObject(i) instanceof COSStream stream) {
                if (stream.getLength() > MAX_DSS_STREAM_BYTES) {
                    log.warn("{}: a /DSS /{} stream of {} bytes was not read", pdf, key, stream.getLength());
                    continue;
                }
                try (java.io.InputStream in = stream.createInputStream()) {
                    out.add(in.readNBytes((int) MAX_DSS_STREAM_BYTES));
                }
            }
        }
        return out;
    }
}
