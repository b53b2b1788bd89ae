package vn.kho.repository.rdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;
import vn.kho.repository.AccessRegime;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.premis.PremisXml;

class PackageGraphTest {
    static final PackageId PKG = new PackageId(UUID.fromString("0b6f8a3e-2c1d-4e5f-9a7b-1c2d3e4f5a6b"));
    static final String EVENT_ID = "5d1e0c8a-7b1f-4c1e-8f3a-2b9c4d5e6f70";
    static final String PDF = "representations/rep1/data/Tài liệu 1.pdf";
    static final String SHA = "ab".repeat(32);

    static PackageDescription sample() {
        DescriptiveRecord d = new DescriptiveRecord(
                "Hồ sơ số hóa tài liệu",
                "H30.81.2024.K4.01",
                "05/01/2024",
                "31/12/2024",
                "01",
                AccessRegime.PUBLIC,
                List.of("01"),
                Map.of("title", List.of("Hồ sơ số hóa tài liệu")));
        return new PackageDescription(
                PKG,
                2,
                PackageFormat.TT05_SIP,
                Instant.parse("2025-07-01T01:02:03Z"),
                d,
                List.of(
                        new PackageFile(PDF, 1234, SHA, "application/pdf"),
                        new PackageFile("submission/x.bin", 5, SHA, null)),
                List.of(new PremisEvent(
                        EVENT_ID,
                        "fixity check",
                        Instant.parse("2025-07-01T01:02:04.5Z"),
                        "success",
                        "sha256 matches",
                        "Kho 0.1.0",
                        PDF)));
    }

    @Test
    void describesThePackageInDublinCoreTerms() {
        Model m = PackageGraph.toModel(sample());
        Resource p = m.createResource(PKG.urn());

        assertThat(m.contains(p, RDF.type, m.createResource(PackageGraph.PREMIS + "IntellectualEntity")))
                .isTrue();
        assertThat(p.getProperty(DCTerms.title).getString()).isEqualTo("Hồ sơ số hóa tài liệu");
        assertThat(p.getProperty(DCTerms.identifier).getString()).isEqualTo("H30.81.2024.K4.01");
        assertThat(p.getProperty(DCTerms.temporal).getString()).isEqualTo("2024-01-05/2024-12-31");
        assertThat(p.getProperty(DCTerms.language).getString()).isEqualTo("01");
        assertThat(p.getProperty(DCTerms.accessRights).getString()).isEqualTo("PUBLIC");
        Literal created = p.getProperty(DCTerms.created).getLiteral();
        assertThat(created.getDatatypeURI()).isEqualTo(XSDDatatype.XSDdateTime.getURI());
        assertThat(created.getLexicalForm()).isEqualTo("2025-07-01T01:02:03Z");
        assertThat(p.getProperty(DCTerms.hasVersion).getString()).isEqualTo("2");
        assertThat(m.listObjectsOfProperty(p, DCTerms.hasPart).toList()).hasSize(2);
    }

    @Test
    void describesEachFileWithPremisSizeFixityAndFormat() {
        Model m = PackageGraph.toModel(sample());
        Resource file = m.createResource(
                "tag:kho.vn,2025:" + PKG + "/representations/rep1/data/T%C3%A0i%20li%E1%BB%87u%201.pdf");

        assertThat(m.contains(m.createResource(PKG.urn()), DCTerms.hasPart, file))
                .isTrue();
        assertThat(m.contains(file, RDF.type, m.createResource(PackageGraph.PREMIS + "File")))
                .isTrue();
        assertThat(file.getProperty(premis(m, "originalName")).getString()).isEqualTo(PDF);
        assertThat(file.getProperty(premis(m, "size")).getLong()).isEqualTo(1234L);
        Resource fixity = file.getProperty(premis(m, "fixity")).getResource();
        assertThat(m.contains(fixity, RDF.type, m.createResource(PackageGraph.PREMIS + "Fixity")))
                .isTrue();
        assertThat(m.contains(fixity, RDF.type, m.createResource(PackageGraph.SHA256)))
                .isTrue();
        assertThat(fixity.getProperty(RDF.value).getString()).isEqualTo(SHA);
        Literal format = file.getProperty(DCTerms.format).getLiteral();
        assertThat(format.getLexicalForm()).isEqualTo("application/pdf");
        assertThat(format.getDatatypeURI()).isEqualTo(DCTerms.NS + "IMT");

        Resource unidentified = m.createResource("tag:kho.vn,2025:" + PKG + "/submission/x.bin");
        assertThat(unidentified.hasProperty(DCTerms.format)).isFalse();
    }

    @Test
    void describesEachSignatureWithItsFileOutcomeSignerAndTimes() {
        vn.kho.repository.signature.SignatureRecord signature = new vn.kho.repository.signature.SignatureRecord(
                PDF,
                vn.kho.repository.signature.SignatureRecord.Kind.PDF,
                2,
                null,
                "Signature2",
                "REVOKED",
                "revoked on 2025-06-01",
                "CN=Sở Nội vụ",
                "000.00.00.H30",
                "CN=Intermediate CA",
                "02",
                null,
                Instant.parse("2025-06-30T10:00:00Z"),
                Instant.parse("2025-06-30T10:00:00Z"),
                "SHA-256",
                "SHA256withRSA",
                List.of());
        Model m = PackageGraph.toModel(sample().withSignatures(List.of(signature)));
        String file = "tag:kho.vn,2025:" + PKG + "/representations/rep1/data/T%C3%A0i%20li%E1%BB%87u%201.pdf";
        Resource sig = m.createResource(file.replace(PKG + "/", PKG + "/signature/") + "/2");

        assertThat(m.contains(sig, RDF.type, m.createResource(PackageGraph.KSIG + "Signature")))
                .isTrue();
        assertThat(m.contains(sig, m.createProperty(PackageGraph.KSIG, "signedFile"), m.createResource(file)))
                .isTrue();
        assertThat(sig.getProperty(m.createProperty(PackageGraph.KSIG, "outcome"))
                        .getString())
                .isEqualTo("REVOKED");
        assertThat(sig.getProperty(m.createProperty(PackageGraph.KSIG, "organisation"))
                        .getString())
                .isEqualTo("000.00.00.H30");
        Literal at = sig.getProperty(m.createProperty(PackageGraph.KSIG, "timestampTime"))
                .getLiteral();
        assertThat(at.getDatatypeURI()).isEqualTo(XSDDatatype.XSDdateTime.getURI());
        assertThat(sig.hasProperty(m.createProperty(PackageGraph.KSIG, "claimedSigningTime")))
                .isFalse();
    }

    @Test
    void describesEachEventWithItsTypeTimeOutcomeAgentAndObject() {
        Model m = PackageGraph.toModel(sample());
        Resource ev = m.createResource("urn:uuid:" + EVENT_ID);
        Resource agent = m.createResource(PremisXml.agentUrn("Kho 0.1.0"));

        assertThat(m.contains(ev, RDF.type, m.createResource(PackageGraph.PREMIS + "Event")))
                .isTrue();
        assertThat(m.contains(
                        ev, RDF.type, m.createResource("http://id.loc.gov/vocabulary/preservation/eventType/fix")))
                .isTrue();
        assertThat(ev.getProperty(RDFS.label).getString()).isEqualTo("fixity check");
        assertThat(ev.getProperty(prov(m, "endedAtTime")).getLiteral().getLexicalForm())
                .isEqualTo("2025-07-01T01:02:04.500Z");
        assertThat(object(ev, premis(m, "outcome")))
                .isEqualTo(m.createResource("http://id.loc.gov/vocabulary/preservation/eventOutcome/suc"));
        assertThat(ev.getProperty(premis(m, "outcomeNote")).getString()).isEqualTo("sha256 matches");
        assertThat(object(ev, prov(m, "wasAssociatedWith"))).isEqualTo(agent);
        assertThat(object(ev, prov(m, "used"))).isEqualTo(m.createResource(PackageGraph.fileIri(sample(), PDF)));
        assertThat(m.contains(agent, RDF.type, m.createResource(PackageGraph.PREMIS + "SoftwareAgent")))
                .isTrue();
        assertThat(agent.getProperty(RDFS.label).getString()).isEqualTo("Kho 0.1.0");
        assertThat(agent.getProperty(premis(m, "version")).getString()).isEqualTo("0.1.0");
    }

    @Test
    void buildsTheSameTriplesEachTime() {
        assertThat(PackageGraph.toModel(sample()).isIsomorphicWith(PackageGraph.toModel(sample())))
                .isTrue();
    }

    private static RDFNode object(Resource s, Property p) {
        return s.getProperty(p).getObject();
    }

    private static Property premis(Model m, String local) {
        return m.createProperty(PackageGraph.PREMIS, local);
    }

    private static Property prov(Model m, String local) {
        return m.createProperty(PackageGraph.PROV, local);
    }
}
