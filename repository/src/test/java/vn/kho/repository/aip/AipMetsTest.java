package vn.kho.repository.aip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.kho.repository.AccessRegime;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.InvalidPackageException;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.xml.SafeXml;

class AipMetsTest {
    private static final String M = AipMets.METS_NS;
    private static final PackageId PKG = new PackageId(UUID.fromString("0b6f8a3e-2c1d-4e5f-9a7b-1c2d3e4f5a6b"));
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "0123456789abcdef".repeat(4);

    static PackageDescription tt05Package() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("fileCode", List.of("H30.81.2024.K4.01"));
        fields.put("title", List.of("Hồ sơ về việc xây dựng \"Đề án\" <số hóa> & lưu trữ"));
        fields.put("keyword", List.of("lưu trữ", "số hóa", ""));
        fields.put("description", List.of("  dòng 1\r\n\tdòng 2  "));
        fields.put("empty field", List.of());
        fields.put(" Tên\ttrường\r\nmới \"x\" &amp; <y> ", List.of("giá trị"));
        fields.put("Bag-Software-Agent", List.of("bagit.py v1.8"));
        DescriptiveRecord d = new DescriptiveRecord(
                "Hồ sơ về việc xây dựng \"Đề án\" <số hóa> & lưu trữ",
                "H30.81.2024.K4.01",
                "05/01/2024",
                "31/12/2024",
                "01",
                AccessRegime.PUBLIC,
                List.of("01", "11"),
                fields);
        List<PackageFile> files = List.of(
                new PackageFile("metadata/preservation/PREMIS.xml", 4321, SHA_B, "application/xml"),
                new PackageFile("metadata/descriptive/EAD.xml", 2100, SHA_A, "application/xml"),
                new PackageFile("representations/rep1/METS.xml", 3000, SHA_B, "application/xml"),
                new PackageFile("representations/rep1/data/Tài liệu số 1.pdf", 1_234_567, SHA_A, "application/pdf"),
                new PackageFile(
                        "representations/rep1/data/bản sao (copy) #2 100%+.pdf", 1_234_567, SHA_A, "application/pdf"),
                new PackageFile("representations/rep2/data/ảnh/😀 ﬁ.tif", 0, SHA_B, null),
                new PackageFile("schemas/mets1_12.xsd", 99, SHA_B, "application/xml"),
                new PackageFile("documentation/Hướng dẫn.txt", 12, SHA_A, "text/plain; charset=UTF-8"),
                new PackageFile("submission/METS.xml", 5000, SHA_B, "application/xml"),
                new PackageFile("submission/representations/rep1/data/Tài liệu số 1.pdf", 1_234_567, SHA_A, null),
                new PackageFile("metadata/other/tika.json", 10, SHA_B, "application/json"));
        List<PremisEvent> events = List.of(new PremisEvent(
                UUID.randomUUID().toString(),
                "ingestion end",
                Instant.parse("2025-07-01T01:00:00Z"),
                "success",
                null,
                "Kho 0.1.0",
                PKG.urn()));
        return new PackageDescription(
                PKG, 3, PackageFormat.TT05_SIP, Instant.parse("2025-07-01T01:02:03.456789Z"), d, files, events);
    }

    private static byte[] write(PackageDescription pkg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AipMets.write(pkg, "Kho 0.1.0", out);
        return out.toByteArray();
    }

    private static PackageDescription roundTrip(PackageDescription pkg) {
        return AipMets.read(new ByteArrayInputStream(write(pkg)), pkg.events());
    }

    @Test
    void readsBackTheExactDescriptionItWasWrittenFrom() {
        PackageDescription pkg = tt05Package();

        assertThat(roundTrip(pkg)).isEqualTo(pkg);
    }

    @Test
    void readsBackABagWithAnEmptyRecordAndNoFiles() {
        PackageDescription bag = new PackageDescription(
                PackageId.random(),
                1,
                PackageFormat.BAGIT,
                Instant.parse("2025-01-01T00:00:00Z"),
                DescriptiveRecord.empty(AccessRegime.UNKNOWN),
                List.of(),
                List.of());

        assertThat(roundTrip(bag)).isEqualTo(bag);
    }

    @Test
    void keepsEmptyStringsApartFromMissingValues() {
        DescriptiveRecord d = new DescriptiveRecord(
                "", null, "", null, "", AccessRegime.CLASSIFIED, List.of(""), Map.of("", List.of("")));
        PackageDescription pkg =
                new PackageDescription(PKG, 1, PackageFormat.BAGIT, Instant.EPOCH, d, List.of(), List.of());

        assertThat(roundTrip(pkg)).isEqualTo(pkg);
    }

    @Test
    void keepsTheOrderOfThousandsOfFilesSpreadOverEveryPart() {
        List<PackageFile> files = new ArrayList<>();
        String[] parts = {"representations/rep%d/data/", "submission/", "schemas/", "metadata/descriptive/", "other/"};
        for (int i = 0; i < 1500; i++) {
            String dir = String.format(parts[(i * 7) % parts.length], i % 3);
            files.add(new PackageFile(dir + "tệp " + (1500 - i) + ".bin", i, i % 2 == 0 ? SHA_A : SHA_B, null));
        }
        PackageDescription base = tt05Package();
        PackageDescription pkg = new PackageDescription(
                base.id(), base.version(), base.format(), base.created(), base.descriptive(), files, List.of());

        assertThat(roundTrip(pkg).files()).containsExactlyElementsOf(files);
    }

    @Test
    void writesValidCsipAttributesThatSafeXmlParses() {
        PackageDescription pkg = tt05Package();
        Document doc = SafeXml.parse(new ByteArrayInputStream(write(pkg)));
        Element mets = doc.getDocumentElement();

        assertThat(mets.getNamespaceURI()).isEqualTo(M);
        assertThat(mets.getAttribute("OBJID")).isEqualTo(PKG.urn());
        assertThat(mets.getAttribute("TYPE")).isEqualTo("Mixed");
        assertThat(mets.getAttribute("PROFILE")).isEqualTo("https://earkaip.dilcis.eu/profile/E-ARK-AIP-v2-2-0.xml");
        assertThat(mets.hasAttributeNS(AipMets.CSIP_NS, "OAISPACKAGETYPE")).isFalse();

        Element hdr = first(mets, M, "metsHdr");
        assertThat(hdr.getAttributeNS(AipMets.CSIP_NS, "OAISPACKAGETYPE")).isEqualTo("AIP");
        assertThat(hdr.getAttribute("CREATEDATE")).isEqualTo("2025-07-01T08:02:03.456789+07:00");
        Element agent = first(hdr, M, "agent");
        assertThat(agent.getAttribute("ROLE")).isEqualTo("CREATOR");
        assertThat(agent.getAttribute("OTHERTYPE")).isEqualTo("SOFTWARE");
        assertThat(first(agent, M, "name").getTextContent()).isEqualTo("Kho 0.1.0");
        Element note = first(agent, M, "note");
        assertThat(note.getAttributeNS(AipMets.CSIP_NS, "NOTETYPE")).isEqualTo("SOFTWARE VERSION");
        assertThat(note.getTextContent()).isEqualTo("0.1.0");

        Element dc = byId(doc, "DMD-DC");
        assertThat(first(dc, M, "mdWrap").getAttribute("MDTYPE")).isEqualTo("DC");
        assertThat(first(dc, AipMets.DCTERMS_NS, "title").getTextContent())
                .isEqualTo("Hồ sơ về việc xây dựng \"Đề án\" <số hóa> & lưu trữ");
        assertThat(first(dc, AipMets.DCTERMS_NS, "identifier").getTextContent()).isEqualTo("H30.81.2024.K4.01");
        assertThat(first(dc, AipMets.DCTERMS_NS, "temporal").getTextContent()).isEqualTo("2024-01-05/2024-12-31");
        assertThat(first(dc, AipMets.DCTERMS_NS, "accessRights").getTextContent())
                .isEqualTo("01");
        assertThat(dc.getElementsByTagNameNS(AipMets.DCTERMS_NS, "language").getLength())
                .isEqualTo(2);

        Element premisRef = first(first(mets, M, "amdSec"), M, "mdRef");
        assertThat(premisRef.getParentNode().getLocalName()).isEqualTo("digiprovMD");
        assertThat(premisRef.getAttribute("MDTYPE")).isEqualTo("PREMIS");
        assertThat(premisRef.getAttributeNS(AipMets.XLINK_NS, "href")).isEqualTo("metadata/preservation/PREMIS.xml");
        assertThat(premisRef.getAttribute("LOCTYPE")).isEqualTo("URL");
        assertThat(premisRef.getAttribute("CHECKSUM")).isEqualTo(SHA_B);
        assertThat(premisRef.getAttribute("CHECKSUMTYPE")).isEqualTo("SHA-256");
        assertThat(premisRef.getAttribute("SIZE")).isEqualTo("4321");
        assertThat(premisRef.getAttribute("MIMETYPE")).isEqualTo("application/xml");
        Element eadRef = first(byId(doc, "DMD-F2"), M, "mdRef");
        assertThat(eadRef.getAttribute("OTHERMDTYPE")).isEqualTo("TT05-EAD");

        List<String> groups = new ArrayList<>();
        NodeList grps = doc.getElementsByTagNameNS(M, "fileGrp");
        for (int i = 0; i < grps.getLength(); i++) {
            groups.add(((Element) grps.item(i)).getAttribute("USE"));
        }
        assertThat(groups)
                .containsExactly(
                        "Schemas",
                        "Documentation",
                        "Representations/rep1",
                        "Representations/rep2",
                        "Submission",
                        "Other");

        Element pdf = byId(doc, "F5");
        assertThat(pdf.getLocalName()).isEqualTo("file");
        assertThat(pdf.getAttribute("CHECKSUM")).isEqualTo(SHA_A);
        assertThat(pdf.getAttribute("CHECKSUMTYPE")).isEqualTo("SHA-256");
        assertThat(pdf.getAttribute("SIZE")).isEqualTo("1234567");
        assertThat(pdf.getAttribute("MIMETYPE")).isEqualTo("application/pdf");
        Element flocat = first(pdf, M, "FLocat");
        assertThat(flocat.getAttribute("LOCTYPE")).isEqualTo("URL");
        assertThat(flocat.getAttributeNS(AipMets.XLINK_NS, "type")).isEqualTo("simple");
        assertThat(flocat.getAttributeNS(AipMets.XLINK_NS, "href"))
                .isEqualTo("representations/rep1/data/b%E1%BA%A3n%20sao%20%28copy%29%20%232%20100%25%2B.pdf");
        assertThat(byId(doc, "F6").getAttribute("MIMETYPE")).isEqualTo("application/octet-stream");

        NodeList structMaps = doc.getElementsByTagNameNS(M, "structMap");
        assertThat(structMaps.getLength()).isEqualTo(1);
        Element structMap = (Element) structMaps.item(0);
        assertThat(structMap.getAttribute("TYPE")).isEqualTo("PHYSICAL");
        assertThat(structMap.getAttribute("LABEL")).isEqualTo("CSIP");
        assertThat(structMap.getAttribute("ID")).isNotEmpty();
        Element metadataDiv = byId(doc, "DIV-METADATA");
        assertThat(metadataDiv.getAttribute("DMDID")).isEqualTo("DMD-DC DMD-KHO DMD-F2");
        assertThat(metadataDiv.getAttribute("ADMID")).isEqualTo("AMD-F1");
        Element mptr = (Element) doc.getElementsByTagNameNS(M, "mptr").item(0);
        assertThat(mptr.getAttributeNS(AipMets.XLINK_NS, "href")).isEqualTo("representations/rep1/METS.xml");
    }

    @Test
    void refusesAMetsThatKhoDidNotWrite() {
        String xml = "<mets xmlns='http://www.loc.gov/METS/' OBJID='urn:uuid:" + PKG.uuid() + "'>"
                + "<metsHdr CREATEDATE='2025-01-01T00:00:00+07:00'/></mets>";

        assertThatThrownBy(
                        () -> AipMets.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), List.of()))
                .isInstanceOf(InvalidPackageException.class)
                .extracting(e -> ((InvalidPackageException) e).code())
                .isEqualTo("AIP_METS_INVALID");
    }

    @Test
    void refusesAMetsWithADoctype() {
        String xml = "<!DOCTYPE mets [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><mets>&x;</mets>";

        assertThatThrownBy(
                        () -> AipMets.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), List.of()))
                .isInstanceOf(SafeXml.XmlRejected.class);
    }

    private static Element first(Element scope, String ns, String localName) {
        return (Element) scope.getElementsByTagNameNS(ns, localName).item(0);
    }

    private static Element byId(Document doc, String id) {
        NodeList all = doc.getElementsByTagNameNS(M, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("ID"))) {
                return e;
            }
        }
        throw new AssertionError("no element with ID " + id);
    }
}
