package vn.kho.ingest.testkit;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * Writes real files of the formats Kho validates: PDFs with PDFBox (a plain one, and PDF/A with an sRGB output intent,
 * XMP identification and, when this machine has DejaVu Sans, embedded text), images with ImageIO, XML. Deterministic
 * apart from PDF dates. Free of JUnit.
 */
public final class ValidationSamples {
    /** DejaVu Sans where Debian puts it; PDF/A needs embedded fonts, and PDFBox's standard 14 are not embedded. */
    public static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    private ValidationSamples() {}

    /** A one-page PDF with a drawing and a few lines of text in PDFBox's (not embedded) Helvetica. */
    public static Path plainPdf(Path file, String text) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                drawing(cs);
                cs.beginText();
                cs.setFont(
                        new org.apache.pdfbox.pdmodel.font.PDType1Font(
                                org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA),
                        12);
                cs.newLineAtOffset(72, 770);
                cs.showText(text);
                cs.endText();
            }
            doc.getDocumentInformation().setTitle("Kho test");
            doc.save(file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PDF/A of the given part (1, 2 or 3) and conformance ("B"): an sRGB output intent, XMP with the PDF/A
     * identification, a vector drawing, and text in embedded DejaVu Sans when the font is on this machine.
     */
    public static Path pdfA(Path file, int part, String conformance, int pages) {
        return pdfA(file, part, conformance, pages, part == 1);
    }

    /**
     * As {@link #pdfA(Path, int, String, int)}; {@code classicXref} writes a classic cross-reference table, which PDF/A-1
     * requires (PDFBox 3 writes a cross-reference stream by default, which PDF/A-1 forbids: rule 6.1.4-3).
     */
    public static Path pdfA(Path file, int part, String conformance, int pages, boolean classicXref) {
        try (PDDocument doc = new PDDocument()) {
            PDType0Font font = Files.isReadable(DEJAVU) ? PDType0Font.load(doc, DEJAVU.toFile()) : null;
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    drawing(cs);
                    if (font != null) {
                        cs.beginText();
                        cs.setFont(font, 12);
                        cs.newLineAtOffset(72, 770);
                        cs.showText("Kho lưu trữ — trang " + (p + 1));
                        cs.endText();
                    }
                }
            }
            XMPMetadata xmp = XMPMetadata.createXMPMetadata();
            PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
            id.setPart(part);
            id.setConformance(conformance);
            DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
            dc.setTitle("Kho PDF/A test");
            XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
            Calendar now = Calendar.getInstance();
            basic.setCreateDate(now);
            doc.getDocumentInformation().setTitle("Kho PDF/A test");
            doc.getDocumentInformation().setCreationDate(now);
            ByteArrayOutputStream xml = new ByteArrayOutputStream();
            new XmpSerializer().serialize(xmp, xml, true);
            PDMetadata metadata = new PDMetadata(doc);
            metadata.importXMPMetadata(xml.toByteArray());
            doc.getDocumentCatalog().setMetadata(metadata);
            PDOutputIntent intent = new PDOutputIntent(
                    doc,
                    new ByteArrayInputStream(
                            ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
            intent.setInfo("sRGB IEC61966-2.1");
            intent.setOutputCondition("sRGB IEC61966-2.1");
            intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
            intent.setRegistryName("http://www.color.org");
            doc.getDocumentCatalog().addOutputIntent(intent);
            if (classicXref) {
                doc.save(file.toFile(), org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
            } else {
                doc.save(file.toFile());
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("could not write a PDF/A", e);
        }
    }

    private static void drawing(PDPageContentStream cs) throws IOException {
        cs.setNonStrokingColor(0.2f, 0.4f, 0.8f);
        cs.addRect(72, 500, 200, 120);
        cs.fill();
        cs.setStrokingColor(0.8f, 0.1f, 0.1f);
        cs.moveTo(72, 480);
        cs.lineTo(400, 300);
        cs.stroke();
    }

    /** An RGB image written by ImageIO as {@code format} ("tiff", "jpeg", "png", "gif"). */
    public static Path image(Path file, String format, int width, int height) {
        BufferedImage img = new BufferedImage(
                width, height, format.equals("gif") ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(30, 90, 200));
        g.fillOval(width / 8, height / 8, width / 2, height / 2);
        g.setColor(Color.RED);
        g.drawLine(0, height - 1, width - 1, 0);
        g.dispose();
        try {
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path xml(Path file) {
        return write(
                file,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<record xmlns=\"urn:kho:test\">\n"
                        + "  <title>Hồ sơ lưu trữ</title>\n  <date>2024-01-31</date>\n</record>\n");
    }

    public static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
