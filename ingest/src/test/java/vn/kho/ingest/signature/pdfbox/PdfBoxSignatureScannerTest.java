package vn.kho.ingest.signature.pdfbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.signature.Modification;
import vn.kho.ingest.signature.PdfSignature;
import vn.kho.ingest.signature.SignatureForm;
import vn.kho.ingest.testkit.SignedPdfs;

class PdfBoxSignatureScannerTest {
    private static final SignedPdfs SIGNER = SignedPdfs.selfSigned("Nguyễn Văn A");
    private static final SignedPdfs AGENCY = SignedPdfs.selfSigned("Văn phòng Bộ");

    @TempDir
    Path dir;

    private final PdfBoxSignatureScanner scanner = new PdfBoxSignatureScanner();

    @Test
    void aPdfSignedOnceHasOneSignatureCoveringTheWholeFileWhoseSignedBytesAreWhatTheCmsDigests() throws Exception {
        Path pdf = write("signed.pdf", SIGNER.sign(SignedPdfs.unsigned(1, "Quyet dinh")));

        List<PdfSignature> signatures = scanner.scan(pdf);

        assertThat(signatures).hasSize(1);
        PdfSignature signature = signatures.get(0);
        assertThat(signature.problems()).isEmpty();
        assertThat(signature.coversWholeDocument()).isTrue();
        assertThat(signature.signedRevisionEnd()).isEqualTo(Files.size(pdf));
        assertThat(signature.modification().kind()).isEqualTo(Modification.Kind.NONE);
        assertThat(signature.form()).isEqualTo(SignatureForm.DETACHED_CMS);
        assertThat(signature.subFilter()).isEqualTo("adbe.pkcs7.detached");
        assertThat(sha256(signature)).isEqualTo(SignedPdfs.messageDigest(signature.cms()));
        assertThat(sha256(signature)).isEqualTo(digest("SHA-256", concatenatedRanges(pdf, signature.byteRange())));
    }

    @Test
    void theSignersNameReasonLocationAndClaimedTimeAreRead() {
        Path pdf = write("signed.pdf", SIGNER.sign(SignedPdfs.unsigned(1, "Quyet dinh")));

        PdfSignature signature = scanner.scan(pdf).get(0);

        assertThat(signature.name()).isEqualTo("Nguyễn Văn A");
        assertThat(signature.reason()).isEqualTo("Phê duyệt");
        assertThat(signature.location()).isEqualTo("Hà Nội");
        assertThat(signature.claimedSigningTime()).isEqualTo(OffsetDateTime.parse("2025-03-04T12:06:07+07:00"));
        assertThat(signature.fieldName()).isNotBlank();
    }

    @Test
    void theCmsIsCutFromItsZeroPaddingAtTheEndOfItsDerEncoding() throws Exception {
        byte[] signed = SIGNER.sign(SignedPdfs.unsigned(1, "Quyet dinh"));
        Path pdf = write("signed.pdf", signed);

        PdfSignature signature = scanner.scan(pdf).get(0);

        byte[] contents;
        try (PDDocument document = Loader.loadPDF(signed)) {
            contents = document.getLastSignatureDictionary().getContents();
        }
        assertThat(contents.length).isGreaterThan(signature.cms().length);
        assertThat(Arrays.copyOf(contents, signature.cms().length)).isEqualTo(signature.cms());
        assertThat(Arrays.copyOfRange(contents, signature.cms().length, contents.length))
                .containsOnly((byte) 0);
    }

    @Test
    void aPdfSignedByTheSignerThenByTheAgencyHasTheFirstSignatureWithAllowedUpdatesAndTheSecondUnmodified() {
        byte[] bySigner = SIGNER.sign(SignedPdfs.unsigned(2, "Cong van"));
        byte[] byAgency = AGENCY.sign(
                bySigner, SignedPdfs.Options.defaults().withName("Văn phòng Bộ").visibly());
        Path pdf = write("twice.pdf", byAgency);

        List<PdfSignature> signatures = scanner.scan(pdf);

        assertThat(signatures).extracting(PdfSignature::name).containsExactly("Nguyễn Văn A", "Văn phòng Bộ");
        assertThat(signatures).allSatisfy(s -> assertThat(s.problems()).isEmpty());
        assertThat(signatures.get(0).signedRevisionEnd()).isEqualTo(bySigner.length);
        assertThat(signatures.get(0).modification().kind())
                .as(signatures.get(0).modification().message())
                .isEqualTo(Modification.Kind.ALLOWED_UPDATES);
        assertThat(signatures.get(1).modification().kind()).isEqualTo(Modification.Kind.NONE);
        assertThat(signatures.get(1).coversWholeDocument()).isTrue();
    }

    @Test
    void aDssDictionaryWithCertificatesCrlsAndVriAddedAfterSigningIsAnAllowedUpdate() throws Exception {
        byte[] signed = SIGNER.sign(SignedPdfs.unsigned(1, "Quyet dinh"));
        byte[] withDss = withDss(signed);
        assertThat(new String(withDss, signed.length, withDss.length - signed.length, StandardCharsets.ISO_8859_1))
                .contains("/DSS", "/VRI", "/Certs", "/CRLs");
        Path pdf = write("dss.pdf", withDss);

        PdfSignature signature = scanner.scan(pdf).get(0);

        assertThat(signature.coversWholeDocument()).isFalse();
        assertThat(signature.modification().kind())
                .as(signature.modification().message())
                .isEqualTo(Modification.Kind.ALLOWED_UPDATES);
    }

    @Test
    void pageContentChangedInALaterIncrementalUpdateIsAModificationNamingThePage() throws Exception {
        byte[] signed = SIGNER.sign(SignedPdfs.unsigned(3, "So tien: 1.000.000 dong"));
        Path pdf = write("changed.pdf", withPageText(signed, 1, "Page 2: So tien: 9.000.000 dong"));

        Modification modification = scanner.scan(pdf).get(0).modification();

        assertThat(modification.kind()).isEqualTo(Modification.Kind.MODIFIED);
        assertThat(modification.message()).contains("page 2 content changed").doesNotContain("page 1", "page 3");
    }

    @Test
    void aLaterSignatureDoesNotHideAPageChangeMadeBeforeIt() throws Exception {
        byte[] signed = SIGNER.sign(SignedPdfs.unsigned(1, "So tien: 1.000.000 dong"));
        byte[] changed = withPageText(signed, 0, "Page 1: So tien: 9.000.000 dong");
        Path pdf = write("changed-then-signed.pdf", AGENCY.sign(changed));

        List<PdfSignature> signatures = scanner.scan(pdf);

        assertThat(signatures.get(0).modification().kind()).isEqualTo(Modification.Kind.MODIFIED);
        assertThat(signatures.get(0).modification().message()).contains("page 1 content changed");
        assertThat(signatures.get(1).modification().kind()).isEqualTo(Modification.Kind.NONE);
    }

    @Test
    void aFormFieldValueChangedAfterSigningIsAModification() throws Exception {
        byte[] signed = SIGNER.sign(withTextField(SignedPdfs.unsigned(1, "To khai"), "amount", "1.000.000"));
        byte[] filled;
        try (PDDocument document = Loader.loadPDF(signed)) {
            PDField field = document.getDocumentCatalog().getAcroForm().getField("amount");
            field.setValue("9.000.000");
            filled = SignedPdfs.saveIncremental(document);
        }
        Path pdf = write("filled.pdf", filled);

        Modification modification = scanner.scan(pdf).get(0).modification();

        assertThat(modification.kind()).isEqualTo(Modification.Kind.MODIFIED);
        assertThat(modification.message()).contains("form field 'amount' value changed");
    }

    @Test
    void anAnnotationAddedAfterSigningIsAModification() throws Exception {
        byte[] signed = SIGNER.sign(SignedPdfs.unsigned(1, "Quyet dinh"));
        byte[] annotated;
        try (PDDocument document = Loader.loadPDF(signed)) {
            PDAnnotationText note = new PDAnnotationText();
            note.setRectangle(new PDRectangle(100, 100, 20, 20));
            note.setContents("đã sửa");
            document.getPage(0).getAnnotations().add(note);
            document.getPage(0).getCOSObject().setNeedToBeUpdated(true);
            annotated = SignedPdfs.saveIncremental(document);
        }
        Path pdf = write("annotated.pdf", annotated);

        Modification modification = scanner.scan(pdf).get(0).modification();

        assertThat(modification.kind()).isEqualTo(Modification.Kind.MODIFIED);
        assertThat(modification.message()).contains("page 1: Text annotation at", "added");
    }

    @Test
    void bytesAppendedAfterTheLastEofAreAModification() throws Exception {
        byte[] signed = SIGNER.sign(SignedPdfs.unsigned(1, "Quyet dinh"));
        byte[] appended = Arrays.copyOf(signed, signed.length + 9);
        System.arraycopy("\ngarbage\n".getBytes(StandardCharsets.US_ASCII), 0, appended, signed.length, 9);
        Path pdf = write("appended.pdf", appended);

        PdfSignature signature = scanner.scan(pdf).get(0);

        assertThat(signature.coversWholeDocument()).isFalse();
        assertThat(signature.modification().kind()).isEqualTo(Modification.Kind.MODIFIED);
        assertThat(signature.modification().message())
                .isEqualTo("9 bytes after the last %%EOF that no incremental update accounts for");
    }

    @Test
    void whitespaceAfterTheLastEofIsNoModification() {
        byte[] signed = SIGNER.sign(SignedPdfs.unsigned(1, "Quyet dinh"));
        byte[] padded = Arrays.copyOf(signed, signed.length + 3);
        padded[signed.length] = '\r';
        padded[signed.length + 1] = '\n';
        padded[signed.length + 2] = ' ';
        Path pdf = write("padded.pdf", padded);

        PdfSignature signature = scanner.scan(pdf).get(0);

        assertThat(signature.modification().kind())
                .as(signature.modification().message())
                .isEqualTo(Modification.Kind.ALLOWED_UPDATES);
    }

    @Test
    void aByteChangedInsideTheSignedRangeStillYieldsTheSignatureButItsSignedBytesNoLongerMatchTheCms()
            throws Exception {
        byte[] signed = SIGNER.sign(SignedPdfs.unsigned(1, "Quyet dinh"));
        byte[] tampered = signed.clone();
        int inFirstRange = new String(signed, StandardCharsets.ISO_8859_1).indexOf("%PDF-") + 10;
        tampered[inFirstRange] ^= 0x01; // in the binary comment line after the header: the file still parses
        Path pdf = write("tampered.pdf", tampered);

        List<PdfSignature> signatures = scanner.scan(pdf);

        assertThat(signatures).hasSize(1);
        assertThat(signatures.get(0).problems()).isEmpty();
        assertThat(sha256(signatures.get(0)))
                .isNotEqualTo(SignedPdfs.messageDigest(signatures.get(0).cms()));
    }

    @Test
    void aByteRangeBeyondTheEndOfTheFileIsAProblemNotAnException() throws Exception {
        Path pdf = write("beyond.pdf", withByteRange(SIGNER.sign(SignedPdfs.unsigned(1, "x")), r -> {
            r[3] += 1000;
            return r;
        }));

        PdfSignature signature = scanner.scan(pdf).get(0);

        assertThat(signature.problems()).singleElement().asString().contains("beyond the end of the file");
        assertThat(signature.hasUsableByteRange()).isFalse();
        assertThat(signature.modification().kind()).isEqualTo(Modification.Kind.UNDETERMINED);
        assertThatThrownBy(signature::openSignedBytes).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSignatureWithoutByteRangeIsAProblemNotAnException() throws Exception {
        byte[] signed = SIGNER.sign(SignedPdfs.unsigned(1, "x"));
        int key = new String(signed, StandardCharsets.ISO_8859_1).lastIndexOf("/ByteRange");
        signed[key + "/ByteRang".length()] = 'X'; // the key is now /ByteRangX

        PdfSignature signature = scanner.scan(write("no-range.pdf", signed)).get(0);

        assertThat(signature.problems()).containsExactly("the signature dictionary has no /ByteRange array");
        assertThat(signature.byteRange()).isEmpty();
        assertThat(signature.signedRevisionEnd()).isEqualTo(-1);
        assertThat(signature.modification().kind()).isEqualTo(Modification.Kind.UNDETERMINED);
    }

    @Test
    void overlappingByteRangesAreAProblem() throws Exception {
        Path pdf = write("overlapping.pdf", withByteRange(SIGNER.sign(SignedPdfs.unsigned(1, "x")), r -> {
            r[1] = r[2] + 10;
            return r;
        }));

        PdfSignature signature = scanner.scan(pdf).get(0);

        assertThat(signature.problems()).anySatisfy(p -> assertThat(p).contains("overlap"));
        assertThat(signature.hasUsableByteRange()).isFalse();
    }

    @Test
    void aGapThatDoesNotHoldTheContentsIsAProblem() throws Exception {
        Path pdf = write("gap.pdf", withByteRange(SIGNER.sign(SignedPdfs.unsigned(1, "x")), r -> {
            r[1] -= 2;
            return r;
        }));

        PdfSignature signature = scanner.scan(pdf).get(0);

        assertThat(signature.problems()).singleElement().asString().contains("does not fit /Contents");
        assertThat(signature.hasUsableByteRange()).isTrue();
    }

    @Test
    void aSignedRangeNotStartingAtTheBeginningOfTheFileIsAProblem() throws Exception {
        Path pdf = write("offset.pdf", withByteRange(SIGNER.sign(SignedPdfs.unsigned(1, "x")), r -> {
            r[0] += 5;
            r[1] -= 5;
            return r;
        }));

        PdfSignature signature = scanner.scan(pdf).get(0);

        assertThat(signature.problems()).singleElement().asString().contains("starts at byte 5");
    }

    @Test
    void theSha1SubFilterSaysItsCmsSignsTheSha1DigestOfTheSignedBytes() throws Exception {
        SignedPdfs sha1Signer =
                new SignedPdfs(SIGNER.key(), SIGNER.chain(), SignedPdfs.sha1DigestCms(SIGNER.key(), SIGNER.chain()));
        Path pdf = write(
                "sha1.pdf",
                sha1Signer.sign(
                        SignedPdfs.unsigned(1, "x"),
                        SignedPdfs.Options.defaults().withSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_SHA1)));

        PdfSignature signature = scanner.scan(pdf).get(0);

        assertThat(signature.form()).isEqualTo(SignatureForm.SHA1_DIGEST_CMS);
        assertThat(signature.problems()).isEmpty();
        assertThat(signature.modification().kind()).isEqualTo(Modification.Kind.NONE);
    }

    @Test
    void anUnsignedPdfHasNoSignatures() {
        assertThat(scanner.scan(write("unsigned.pdf", SignedPdfs.unsigned(1, "x"))))
                .isEmpty();
    }

    @Test
    void aFileThatIsNoPdfHasNoSignatures() {
        assertThat(scanner.scan(write("garbage.pdf", "%PDF-1.7 not really\n".getBytes(StandardCharsets.US_ASCII))))
                .isEmpty();
        assertThat(scanner.scan(write("empty.pdf", new byte[0]))).isEmpty();
    }

    @Test
    void aMissingFileIsAnIoFailureNotAnEmptyAnswer() {
        assertThatThrownBy(() -> scanner.scan(dir.resolve("missing.pdf"))).isInstanceOf(UncheckedIOException.class);
    }

    private byte[] withDss(byte[] signed) throws Exception {
        X500Name issuer =
                new X500Name(SIGNER.chain()[0].getIssuerX500Principal().getName());
        byte[] crl = new X509v2CRLBuilder(issuer, new Date())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(SIGNER.key()))
                .getEncoded();
        return SignedPdfs.withDss(signed, List.of(SIGNER.chain()[0].getEncoded()), List.of(crl));
    }

    /** {@code pdf} with the content of page {@code index} replaced by {@code text}, as an incremental update. */
    private static byte[] withPageText(byte[] pdf, int index, String text) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(index);
            try (PDPageContentStream content =
                    new PDPageContentStream(document, page, PDPageContentStream.AppendMode.OVERWRITE, true)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                content.newLineAtOffset(72, 770);
                content.showText(text);
                content.endText();
            }
            return SignedPdfs.saveIncremental(document);
        }
    }

    /** {@code pdf} saved again with a text field {@code name} holding {@code value} on page 1. */
    private static byte[] withTextField(byte[] pdf, String name, String value) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDAcroForm form = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(form);
            PDResources resources = new PDResources();
            resources.put(COSName.HELV, new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            form.setDefaultResources(resources);
            form.setDefaultAppearance("/Helv 12 Tf 0 g");
            PDTextField field = new PDTextField(form);
            field.setPartialName(name);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(new PDRectangle(72, 600, 200, 20));
            widget.setPage(document.getPage(0));
            document.getPage(0).getAnnotations().add(widget);
            form.getFields().add(field);
            field.setValue(value);
            return SignedPdfs.save(document);
        }
    }

    /** {@code pdf} with the last signature's /ByteRange rewritten in place (same length, padded with spaces). */
    private static byte[] withByteRange(byte[] pdf, UnaryOperator<long[]> change) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int start = text.lastIndexOf("/ByteRange [") + "/ByteRange ".length();
        int end = text.indexOf(']', start) + 1;
        int slot = end;
        while (text.charAt(slot) == ' ') {
            slot++;
        }
        long[] range = Arrays.stream(text.substring(start + 1, end - 1).trim().split("\\s+"))
                .mapToLong(Long::parseLong)
                .toArray();
        long[] changed = change.apply(range);
        String written = "["
                + String.join(
                        " ", Arrays.stream(changed).mapToObj(Long::toString).toList()) + "]";
        assertThat(written.length()).isLessThanOrEqualTo(slot - start);
        byte[] copy = pdf.clone();
        byte[] replacement =
                (written + " ".repeat(slot - start - written.length())).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(replacement, 0, copy, start, replacement.length);
        return copy;
    }

    private Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(PdfSignature signature) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = signature.openSignedBytes()) {
            md.update(in.readAllBytes());
        }
        return md.digest();
    }

    private static byte[] concatenatedRanges(Path pdf, long[] range) throws IOException {
        byte[] all = Files.readAllBytes(pdf);
        byte[] first = Arrays.copyOfRange(all, (int) range[0], (int) (range[0] + range[1]));
        byte[] second = Arrays.copyOfRange(all, (int) range[2], (int) (range[2] + range[3]));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] digest(String algorithm, byte[] bytes) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(bytes);
    }
}
