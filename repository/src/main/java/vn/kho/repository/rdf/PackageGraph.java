package vn.kho.repository.rdf;

import java.util.UUID;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import vn.kho.repository.AccessRegime;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.aip.Tt05Dates;
import vn.kho.repository.aip.UriPaths;
import vn.kho.repository.premis.PremisEventTypes;
import vn.kho.repository.premis.PremisXml;
import vn.kho.repository.signature.SignatureRecord;

/**
 * The RDF graph Kho publishes for one package version: Dublin Core terms for what it is, the PREMIS 3 ontology
 * ({@code http://www.loc.gov/premis/rdf/v3/}) with PROV-O for its files and events. Derived data: it is rebuilt from
 * the {@link PackageDescription} read back from storage, never edited. Whether a package may be published at all
 * (its access regime) is the caller's decision.
 *
 * <h2>Mapping</h2>
 *
 * <pre>
 * &lt;urn:uuid:P&gt;                      the package
 *   rdf:type premis:IntellectualEntity, dcmitype:Collection
 *   dcterms:title           title                               (when known)
 *   dcterms:identifier      fileCode / External-Identifier      (when known)
 *   dcterms:temporal        "2024-01-05/2024-12-31"             ISO 8601 interval of start–end ({@link Tt05Dates})
 *   dcterms:language        each language code, as submitted
 *   dcterms:accessRights    "PUBLIC" | "CONDITIONAL" | "CLASSIFIED" | "UNKNOWN"   ({@link AccessRegime} name)
 *   dcterms:created         xsd:dateTime of the package version
 *   dcterms:hasVersion      "1" (the package version number)
 *   dcterms:conformsTo      &lt;https://www.rfc-editor.org/rfc/rfc8493&gt; (BagIt) or the E-ARK SIP profile (TT05)
 *   dcterms:hasPart         each file
 *
 * &lt;tag:kho.vn,2025:P/path/of%20file.pdf&gt;  one file (RFC 4151 tag URI: package uuid, then the
 *                                     percent-encoded logical path; a urn:uuid cannot carry a path or fragment)
 *   rdf:type premis:File
 *   dcterms:isPartOf        the package
 *   premis:originalName     the logical path
 *   premis:size             xsd:long bytes
 *   premis:fixity           [ rdf:type premis:Fixity, &lt;http://id.loc.gov/vocabulary/preservation/cryptographicHashFunctions/sha256&gt;;
 *                             rdf:value "64 hex digits" ]
 *   dcterms:format          "application/pdf"^^dcterms:IMT      (when identified)
 *   dcterms:conformsTo      &lt;http://www.nationalarchives.gov.uk/pronom/fmt/477&gt;  (the PRONOM format, when it has a PUID)
 *
 * &lt;http://www.nationalarchives.gov.uk/pronom/fmt/477&gt;  a PRONOM format a file conforms to
 *   rdfs:label              the format's name and version as Kho identified it, e.g. "PDF/A-2b 1.7"
 *
 * &lt;urn:uuid:E&gt;                      one event (an id that is not a UUID gives &lt;tag:kho.vn,2025:P/event/ID&gt;)
 *   rdf:type premis:Event, and the LoC eventType term (e.g. &lt;http://id.loc.gov/vocabulary/preservation/eventType/fix&gt;)
 *   rdfs:label              the event type string, e.g. "fixity check"
 *   prov:endedAtTime        xsd:dateTime
 *   premis:outcome          the LoC eventOutcome term (suc / fai / war) when the outcome is one of those
 *   premis:outcomeNote      the detail (when present)
 *   prov:wasAssociatedWith  the agent
 *   prov:used               the package, or the file the event is about
 *
 * &lt;tag:kho.vn,2025:P/signature/path/of%20file.pdf/1&gt;  one signature of a file (PREMIS 3 in RDF has no signature
 *                                     class: Kho's vocabulary {@code https://kho.vn/ns/signature#}, prefix ksig)
 *   rdf:type ksig:Signature
 *   ksig:signedFile         the file
 *   ksig:kind               "PDF" | "DETACHED_CMS"
 *   ksig:outcome            "VALID", "REVOKED", … (the finding code without SIGNATURE_)
 *   ksig:signer             the signer certificate's subject DN      (when known)
 *   ksig:organisation       the organisation code in the certificate (when present)
 *   ksig:validationTime     xsd:dateTime the validity was judged at
 *   ksig:timestampTime      xsd:dateTime a trusted timestamp proves  (when present)
 *   ksig:claimedSigningTime xsd:dateTime the signature claims        (when present)
 *   ksig:signatureFile      the detached .p7s file                  (detached signatures)
 *
 * &lt;urn:uuid:A&gt;                      one agent ({@link PremisXml#agentUrn}: the same id as in PREMIS.xml)
 *   rdf:type premis:SoftwareAgent
 *   rdfs:label              "Kho 0.1.0"
 *   premis:version          "0.1.0" (when the name ends with one)
 * </pre>
 */
public final class PackageGraph {
    public static final String PREMIS = "http://www.loc.gov/premis/rdf/v3/";
    public static final String PROV = "http://www.w3.org/ns/prov#";
    /** RFC 4151 tag URI prefix for things inside a package (files, non-UUID events). */
    public static final String TAG = "tag:kho.vn,2025:";

    /** Kho's vocabulary for signatures, which PREMIS 3 in RDF does not model. */
    public static final String KSIG = "https://kho.vn/ns/signature#";

    public static final String DCMITYPE = "http://purl.org/dc/dcmitype/";
    public static final String SHA256 = "http://id.loc.gov/vocabulary/preservation/cryptographicHashFunctions/sha256";
    public static final String BAGIT_SPEC = "https://www.rfc-editor.org/rfc/rfc8493";
    public static final String EARK_SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-2-0.xml";

    // Through the TypeMapper, so that a literal parsed back from any syntax has the very same datatype.
    private static final RDFDatatype IMT = TypeMapper.getInstance().getSafeTypeByName(DCTerms.NS + "IMT");

    private PackageGraph() {}

    /** The graph of {@code pkg}, with the prefixes dcterms, premis, prov, dcmitype, rdfs and xsd set. */
    public static Model toModel(PackageDescription pkg) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefix("dcterms", DCTerms.NS);
        m.setNsPrefix("premis", PREMIS);
        m.setNsPrefix("prov", PROV);
        m.setNsPrefix("dcmitype", DCMITYPE);
        m.setNsPrefix("ksig", KSIG);
        m.setNsPrefix("rdfs", RDFS.getURI());
        m.setNsPrefix("xsd", XSDDatatype.XSD + "#");

        String urn = pkg.id().urn();
        Resource p = m.createResource(urn);
        p.addProperty(RDF.type, m.createResource(PREMIS + "IntellectualEntity"));
        p.addProperty(RDF.type, m.createResource(DCMITYPE + "Collection"));
        DescriptiveRecord d = pkg.descriptive();
        if (d.title() != null) {
            p.addProperty(DCTerms.title, d.title());
        }
        if (d.identifier() != null) {
            p.addProperty(DCTerms.identifier, d.identifier());
        }
        Tt05Dates.interval(d.startDate(), d.endDate()).ifPresent(t -> p.addProperty(DCTerms.temporal, t));
        for (String language : d.languages()) {
            p.addProperty(DCTerms.language, language);
        }
        p.addProperty(DCTerms.accessRights, d.access().name());
        p.addLiteral(DCTerms.created, m.createTypedLiteral(dateTimeLexical(pkg.created()), XSDDatatype.XSDdateTime));
        p.addProperty(DCTerms.hasVersion, Integer.toString(pkg.version()));
        p.addProperty(
                DCTerms.conformsTo,
                m.createResource(pkg.format() == PackageFormat.BAGIT ? BAGIT_SPEC : EARK_SIP_PROFILE));

        for (PackageFile f : pkg.files()) {
            Resource file = m.createResource(fileIri(pkg, f.path()));
            p.addProperty(DCTerms.hasPart, file);
            file.addProperty(RDF.type, m.createResource(PREMIS + "File"));
            file.addProperty(DCTerms.isPartOf, p);
            file.addProperty(premis(m, "originalName"), f.path());
            file.addLiteral(premis(m, "size"), m.createTypedLiteral(f.size()));
            Resource fixity = m.createResource()
                    .addProperty(RDF.type, m.createResource(PREMIS + "Fixity"))
                    .addProperty(RDF.type, m.createResource(SHA256))
                    .addProperty(RDF.value, f.sha256());
            file.addProperty(premis(m, "fixity"), fixity);
            if (f.mediaType() != null) {
                file.addLiteral(DCTerms.format, m.createTypedLiteral(f.mediaType(), IMT));
            }
            if (f.format() != null && f.format().puid() != null) {
                Resource format = m.createResource(f.format().pronomUri());
                file.addProperty(DCTerms.conformsTo, format);
                String name = f.format().name() == null
                        ? f.format().mediaType()
                        : f.format().name();
                format.addProperty(
                        RDFS.label,
                        f.format().version() == null
                                ? name
                                : name + " " + f.format().version());
            }
        }

        for (SignatureRecord s : pkg.signatures()) {
            addSignature(m, pkg, s);
        }

        for (PremisEvent e : pkg.events()) {
            Resource ev = m.createResource(eventIri(pkg, e.id()));
            ev.addProperty(RDF.type, m.createResource(PREMIS + "Event"));
            PremisEventTypes.eventTypeUri(e.type()).ifPresent(t -> ev.addProperty(RDF.type, m.createResource(t)));
            ev.addProperty(RDFS.label, e.type());
            ev.addLiteral(
                    prov(m, "endedAtTime"), m.createTypedLiteral(dateTimeLexical(e.time()), XSDDatatype.XSDdateTime));
            PremisEventTypes.outcomeUri(e.outcome())
                    .ifPresent(o -> ev.addProperty(premis(m, "outcome"), m.createResource(o)));
            if (e.detail() != null) {
                ev.addProperty(premis(m, "outcomeNote"), e.detail());
            }
            Resource agent = m.createResource(PremisXml.agentUrn(e.agent()));
            agent.addProperty(RDF.type, m.createResource(PREMIS + "SoftwareAgent"));
            agent.addProperty(RDFS.label, e.agent());
            String version = PremisXml.agentVersion(e.agent());
            if (version != null) {
                agent.addProperty(premis(m, "version"), version);
            }
            ev.addProperty(prov(m, "wasAssociatedWith"), agent);
            if (e.object() != null) {
                String object = e.object().equals(urn)
                        ? urn
                        : e.object().startsWith("urn:") ? e.object() : fileIri(pkg, e.object());
                ev.addProperty(prov(m, "used"), m.createResource(object));
            }
        }
        return m;
    }

    private static void addSignature(Model m, PackageDescription pkg, SignatureRecord s) {
        Resource sig = m.createResource(TAG + pkg.id() + "/signature/" + UriPaths.encode(s.path()) + "/" + s.ordinal());
        sig.addProperty(RDF.type, m.createResource(KSIG + "Signature"));
        sig.addProperty(ksig(m, "signedFile"), m.createResource(fileIri(pkg, s.path())));
        sig.addProperty(ksig(m, "kind"), s.kind().name());
        sig.addProperty(ksig(m, "outcome"), s.outcome());
        if (s.signer() != null) {
            sig.addProperty(ksig(m, "signer"), s.signer());
        }
        if (s.organisation() != null) {
            sig.addProperty(ksig(m, "organisation"), s.organisation());
        }
        addTime(m, sig, "validationTime", s.validationTime());
        addTime(m, sig, "timestampTime", s.timestampTime());
        addTime(m, sig, "claimedSigningTime", s.claimedSigningTime());
        if (s.signaturePath() != null) {
            sig.addProperty(ksig(m, "signatureFile"), m.createResource(fileIri(pkg, s.signaturePath())));
        }
    }

    private static void addTime(Model m, Resource r, String property, java.time.Instant time) {
        if (time != null) {
            r.addLiteral(ksig(m, property), m.createTypedLiteral(dateTimeLexical(time), XSDDatatype.XSDdateTime));
        }
    }

    private static Property ksig(Model m, String local) {
        return m.createProperty(KSIG, local);
    }

    /** The IRI of a file of {@code pkg}: the package URN with the percent-encoded path as fragment. */
    public static String fileIri(PackageDescription pkg, String path) {
        return TAG + pkg.id() + "/" + UriPaths.encode(path);
    }

    private static String eventIri(PackageDescription pkg, String id) {
        String bare = id.regionMatches(true, 0, "urn:uuid:", 0, 9) ? id.substring(9) : id;
        try {
            if (bare.length() == 36) {
                return "urn:uuid:" + UUID.fromString(bare);
            }
        } catch (IllegalArgumentException e) {
            // not a UUID: fall through to a package-scoped IRI
        }
        return TAG + pkg.id() + "/event/" + UriPaths.encode(id);
    }

    private static String dateTimeLexical(java.time.Instant instant) {
        // Instant's ISO form (UTC, "Z", fraction only when present) is a valid xsd:dateTime lexical form.
        return instant.toString();
    }

    private static Property premis(Model m, String local) {
        return m.createProperty(PREMIS, local);
    }

    private static Property prov(Model m, String local) {
        return m.createProperty(PROV, local);
    }
}
