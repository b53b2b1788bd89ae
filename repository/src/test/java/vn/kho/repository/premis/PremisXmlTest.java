package vn.kho.repository.premis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.kho.repository.InvalidPackageException;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.xml.SafeXml;

class PremisXmlTest {
    private static final PackageId PKG = new PackageId(UUID.fromString("0b6f8a3e-2c1d-4e5f-9a7b-1c2d3e4f5a6b"));
    private static final String KHO = "Kho 0.1.0";

    private static byte[] write(List<PremisEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PremisXml.write(PKG, events, KHO, out);
        return out.toByteArray();
    }

    private static List<PremisEvent> roundTrip(List<PremisEvent> events) {
        return PremisXml.read(new ByteArrayInputStream(write(events)));
    }

    private static PremisEvent event(String type, String detail, String agent, String object) {
        return new PremisEvent(
                UUID.randomUUID().toString(),
                type,
                Instant.parse("2025-07-01T08:15:30.123456789Z"),
                "success",
                detail,
                agent,
                object);
    }

    @Test
    void readsBackEveryFieldOfEveryEventInOrder() {
        List<PremisEvent> events = List.of(
                event("ingestion start", "Bắt đầu nộp lưu hồ sơ «Tiêu đề» & <chi tiết>", KHO, PKG.urn()),
                event(
                        "message digest calculation",
                        "sha256 của tệp",
                        KHO,
                        "representations/rep1/data/Tài liệu số 1.pdf"),
                new PremisEvent(
                        UUID.randomUUID().toString(),
                        "fixity check",
                        Instant.parse("2025-07-01T08:15:31Z"),
                        "failure",
                        null,
                        "JHOVE 1.28.0",
                        null),
                new PremisEvent(
                        UUID.randomUUID().toString(),
                        "a locally defined event",
                        Instant.parse("1999-12-31T23:59:59.5Z"),
                        "warning",
                        "",
                        "someone without a version",
                        "urn:uuid:11111111-2222-3333-4444-555555555555"));

        assertThat(roundTrip(events)).isEqualTo(events);
    }

    @Test
    void anEventLogKeepsTheEventsOfManyPackagesEachLinkedToItsPackage() {
        PackageId other = new PackageId(UUID.fromString("7c6f8a3e-2c1d-4e5f-9a7b-1c2d3e4f5a6b"));
        List<PremisXml.LogEntry> entries = List.of(
                new PremisXml.LogEntry(
                        PKG,
                        List.of(
                                event("fixity check", "3 files, 6 copies OK", KHO, PKG.urn()),
                                event("fixity check", "MISMATCH on replica b", KHO, "v1/content/data/tệp 1.pdf"))),
                new PremisXml.LogEntry(other, List.of(event("replication", "copied from a", KHO, other.urn()))),
                new PremisXml.LogEntry(PKG, List.of(event("fixity check", "again", KHO, PKG.urn()))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PremisXml.writeLog(entries, KHO, out);

        assertThat(PremisXml.readLog(new ByteArrayInputStream(out.toByteArray())))
                .isEqualTo(entries);
        // any PREMIS reader sees the events with their own objects, and one entity per package
        assertThat(PremisXml.read(new ByteArrayInputStream(out.toByteArray())))
                .containsExactlyElementsOf(
                        entries.stream().flatMap(e -> e.events().stream()).toList());
        Document doc = SafeXml.parse(new ByteArrayInputStream(out.toByteArray()));
        assertThat(doc.getElementsByTagNameNS(PremisXml.NS, "object").getLength())
                .isEqualTo(2);
    }

    @Test
    void refusesAnEventLogEventLinkedToNoPackage() {
        byte[] single = write(List.of(event("fixity check", "x", KHO, "v1/content/a.pdf")));

        assertThatThrownBy(() -> PremisXml.readLog(new ByteArrayInputStream(single)))
                .isInstanceOf(InvalidPackageException.class)
                .hasMessageContaining("linked to no package");
    }

    @Test
    void keepsTabsLineBreaksCarriageReturnsAndCharactersBeyondTheBasicPlane() {
        List<PremisEvent> events = List.of(
                event("validation", "  dòng 1\r\ndòng 2\ttab\rcr only  😀 \uD840\uDC0B ", KHO, "a b/c#d%20e+f.txt"));

        assertThat(roundTrip(events)).isEqualTo(events);
    }

    @Test
    void readsBackManyEvents() {
        List<PremisEvent> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            events.add(event("fixity check", "tệp " + i, KHO, "representations/rep1/data/" + i + ".pdf"));
        }

        assertThat(roundTrip(events)).isEqualTo(events);
    }

    @Test
    void writesPremis3WithTheLibraryOfCongressTermsAndOneEntityAndAgent() {
        List<PremisEvent> events = List.of(
                event("information package creation", "AIP built", KHO, PKG.urn()),
                event("replication", "copied to replica b", KHO, PKG.urn()));

        Document doc = SafeXml.parse(new ByteArrayInputStream(write(events)));
        Element root = doc.getDocumentElement();

        assertThat(root.getNamespaceURI()).isEqualTo("http://www.loc.gov/premis/v3");
        assertThat(root.getAttribute("version")).isEqualTo("3.0");
        NodeList objects = doc.getElementsByTagNameNS(PremisXml.NS, "object");
        assertThat(objects.getLength()).isEqualTo(1);
        Element object = (Element) objects.item(0);
        assertThat(object.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type"))
                .isEqualTo("premis:intellectualEntity");
        assertThat(text(object, "objectIdentifierType")).isEqualTo("URN");
        assertThat(text(object, "objectIdentifierValue")).isEqualTo(PKG.urn());

        Element type =
                (Element) doc.getElementsByTagNameNS(PremisXml.NS, "eventType").item(0);
        assertThat(type.getTextContent()).isEqualTo("information package creation");
        assertThat(type.getAttribute("authority")).isEqualTo("eventType");
        assertThat(type.getAttribute("valueURI")).isEqualTo("http://id.loc.gov/vocabulary/preservation/eventType/ipc");
        Element outcome = (Element)
                doc.getElementsByTagNameNS(PremisXml.NS, "eventOutcome").item(0);
        assertThat(outcome.getAttribute("valueURI"))
                .isEqualTo("http://id.loc.gov/vocabulary/preservation/eventOutcome/suc");
        assertThat(text(root, "eventIdentifierType")).isEqualTo("UUID");
        assertThat(text(root, "eventDetail"))
                .isEqualTo("information package creation of " + PKG.urn() + " by Kho 0.1.0");

        NodeList agents = doc.getElementsByTagNameNS(PremisXml.NS, "agent");
        assertThat(agents.getLength()).isEqualTo(1);
        Element agent = (Element) agents.item(0);
        assertThat(text(agent, "agentName")).isEqualTo("Kho 0.1.0");
        assertThat(text(agent, "agentType")).isEqualTo("software");
        assertThat(text(agent, "agentVersion")).isEqualTo("0.1.0");
        assertThat(text(agent, "agentIdentifierValue"))
                .isEqualTo(text(root, "linkingAgentIdentifierValue"))
                .isEqualTo(PremisXml.agentUrn("Kho 0.1.0"));
    }

    @Test
    void knowsTheVocabularyTermOfEveryEventTypeKhoRecords() {
        assertThat(List.of(
                        "ingestion start",
                        "message digest calculation",
                        "fixity check",
                        "validation",
                        "metadata extraction",
                        "information package creation",
                        "ingestion end",
                        "replication"))
                .extracting(t -> PremisEventTypes.eventTypeUri(t).orElseThrow())
                .extracting(uri -> uri.substring(uri.lastIndexOf('/') + 1))
                .containsExactly("ins", "mes", "fix", "val", "mee", "ipc", "ine", "rep");
    }

    @Test
    void refusesADetailHoldingACharacterXmlCannotCarry() {
        List<PremisEvent> events = List.of(event("validation", "bell \u0007 here", KHO, PKG.urn()));

        assertThatThrownBy(() -> write(events))
                .isInstanceOf(InvalidPackageException.class)
                .hasMessageContaining("U+0007")
                .extracting(e -> ((InvalidPackageException) e).code())
                .isEqualTo("AIP_CHARACTER_UNREPRESENTABLE");
    }

    @Test
    void refusesAnEventWithoutADateTime() {
        String xml = "<premis xmlns='http://www.loc.gov/premis/v3' version='3.0'><event>"
                + "<eventIdentifier><eventIdentifierType>UUID</eventIdentifierType>"
                + "<eventIdentifierValue>x</eventIdentifierValue></eventIdentifier>"
                + "<eventType>validation</eventType></event></premis>";

        assertThatThrownBy(() -> PremisXml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidPackageException.class)
                .hasMessageContaining("eventDateTime");
    }

    private static String text(Element scope, String localName) {
        return scope.getElementsByTagNameNS(PremisXml.NS, localName).item(0).getTextContent();
    }
}
