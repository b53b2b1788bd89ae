package vn.kho.repository.premis;

import static vn.kho.repository.premis.XmlDocuments.attr;
import static vn.kho.repository.premis.XmlDocuments.child;
import static vn.kho.repository.premis.XmlDocuments.childText;
import static vn.kho.repository.premis.XmlDocuments.children;
import static vn.kho.repository.premis.XmlDocuments.firstChild;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.kho.repository.Finding;
import vn.kho.repository.InvalidPackageException;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.signature.SignatureRecord;
import vn.kho.repository.xml.SafeXml;

/**
 * Writes and reads a package's {@code metadata/preservation/PREMIS.xml}: a PREMIS 3.0 document any PREMIS reader
 * understands, and from which {@link #read} restores every {@link PremisEvent} field exactly.
 *
 * <p>The document holds, in the order the PREMIS 3.0 schema requires:
 *
 * <ul>
 *   <li>one {@code object xsi:type="premis:intellectualEntity"} for the package, identifier type {@code URN}, value
 *       {@link PackageId#urn()};
 *   <li>one {@code event} per event, in the given order: {@code eventIdentifier} (type {@code UUID}, value
 *       {@link PremisEvent#id()}); {@code eventType} with the string as text and, when the Library of Congress
 *       eventType vocabulary has the term, {@code authority="eventType"}, {@code authorityURI} and {@code valueURI};
 *       {@code eventDateTime} as an ISO 8601 UTC instant; {@code eventDetailInformation/eventDetail} a human-readable
 *       summary (type, object, agent; not read back); {@code eventOutcomeInformation} with {@code eventOutcome}
 *       (eventOutcome vocabulary) and, when {@link PremisEvent#detail()} is not null,
 *       {@code eventOutcomeDetail/eventOutcomeDetailNote} = detail; {@code linkingAgentIdentifier} (role "executing
 *       program") naming the agent; {@code linkingObjectIdentifier} when {@link PremisEvent#object()} is not null, of
 *       type {@code URN} for values starting {@code urn:} and {@code filepath} otherwise;
 *   <li>one {@code agent} per distinct agent: {@code agentName} is the full agent string (e.g. "Kho 0.1.0"),
 *       {@code agentType} software, {@code agentVersion} its trailing version token when it has one. The agent's
 *       identifier is a name-based UUID URN ({@link #agentUrn(String)}), so the same agent always gets the same id.
 * </ul>
 */
public final class PremisXml {
    public static final String NS = "http://www.loc.gov/premis/v3";
    public static final String SCHEMA_LOCATION = "http://www.loc.gov/standards/premis/premis.xsd";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    private PremisXml() {}

    /**
     * Writes the PREMIS document for package {@code id}. {@code agentName} is the software writing it (always listed as
     * an agent, first); every event's own agent is listed too. Throws {@link InvalidPackageException}
     * ({@code AIP_CHARACTER_UNREPRESENTABLE}) when a string holds a character XML cannot carry. Does not close
     * {@code out}.
     */
    public static void write(PackageId id, List<PremisEvent> events, String agentName, OutputStream out) {
        write(id, List.of(), events, agentName, out);
    }

    /**
     * Writes the PREMIS document for package {@code id} as {@link #write(PackageId, List, String, OutputStream)} does,
     * with one {@code premis:file} object (see {@link PremisFileObjects}) for each of {@code files} that has a
     * {@link PackageFile#format()}, after the package's own object.
     */
    public static void write(
            PackageId id, List<PackageFile> files, List<PremisEvent> events, String agentName, OutputStream out) {
        write(id, files, List.of(), events, agentName, out);
    }

    /**
     * Writes the PREMIS document as {@link #write(PackageId, List, List, String, OutputStream)} does, with each of
     * {@code signatures} as {@code signatureInformation} of its signed file's object (see {@link PremisSignatures}).
     * Throws {@link IllegalArgumentException} for a signature whose file is not among the characterised
     * {@code files}: a signature must describe a file the AIP describes.
     */
    public static void write(
            PackageId id,
            List<PackageFile> files,
            List<SignatureRecord> signatures,
            List<PremisEvent> events,
            String agentName,
            OutputStream out) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agentName, "agentName");
        Document doc = XmlDocuments.newDocument();
        Element root = child(doc, NS, "premis:premis");
        root.setAttributeNS(XMLNS, "xmlns:xsi", XSI);
        attr(root, "version", "3.0");
        attr(root, XSI, "xsi:schemaLocation", NS + " " + SCHEMA_LOCATION);

        Element object = child(root, NS, "premis:object");
        attr(object, XSI, "xsi:type", "premis:intellectualEntity");
        Element oid = child(object, NS, "premis:objectIdentifier");
        child(oid, NS, "premis:objectIdentifierType", "URN");
        child(oid, NS, "premis:objectIdentifierValue", id.urn());
        Map<String, List<SignatureRecord>> signaturesOf = new HashMap<>();
        signatures.forEach(s ->
                signaturesOf.computeIfAbsent(s.path(), p -> new ArrayList<>()).add(s));
        for (PackageFile f : files) {
            if (f.format() != null) {
                PremisFileObjects.write(root, f, signaturesOf.getOrDefault(f.path(), List.of()));
                signaturesOf.remove(f.path());
            }
        }
        if (!signaturesOf.isEmpty()) {
            throw new IllegalArgumentException(
                    "signatures of files PREMIS does not describe: " + signaturesOf.keySet());
        }

        Set<String> agents = new LinkedHashSet<>();
        agents.add(agentName);
        for (PremisEvent e : events) {
            agents.add(e.agent());
            writeEvent(root, e, null);
        }
        writeAgents(root, agents);
        XmlDocuments.write(doc, out);
    }

    /**
     * The events of one package in an event log: what {@link #writeLog} writes and {@link #readLog} returns.
     *
     * @param events in order; an event's {@link PremisEvent#object()} is the package's URN or a path inside it
     */
    public record LogEntry(PackageId packageId, List<PremisEvent> events) {
        public LogEntry {
            Objects.requireNonNull(packageId, "packageId");
            events = List.copyOf(events);
        }
    }

    /**
     * Writes a PREMIS document holding the events of many packages (an event log): one
     * {@code object xsi:type="premis:intellectualEntity"} per package, in order of first appearance, then every event
     * as {@link #write} writes it, in the given order, each linked to its own object (the package, or a path in it)
     * and, when that is a path, to its package's URN by a second {@code linkingObjectIdentifier}; then the agents.
     * Throws as {@link #write} does. Does not close {@code out}.
     */
    public static void writeLog(List<LogEntry> entries, String agentName, OutputStream out) {
        Objects.requireNonNull(agentName, "agentName");
        Document doc = XmlDocuments.newDocument();
        Element root = child(doc, NS, "premis:premis");
        root.setAttributeNS(XMLNS, "xmlns:xsi", XSI);
        attr(root, "version", "3.0");
        attr(root, XSI, "xsi:schemaLocation", NS + " " + SCHEMA_LOCATION);
        Set<PackageId> packages = new LinkedHashSet<>();
        entries.forEach(e -> packages.add(e.packageId()));
        for (PackageId id : packages) {
            Element object = child(root, NS, "premis:object");
            attr(object, XSI, "xsi:type", "premis:intellectualEntity");
            Element oid = child(object, NS, "premis:objectIdentifier");
            child(oid, NS, "premis:objectIdentifierType", "URN");
            child(oid, NS, "premis:objectIdentifierValue", id.urn());
        }
        Set<String> agents = new LinkedHashSet<>();
        agents.add(agentName);
        for (LogEntry entry : entries) {
            for (PremisEvent e : entry.events()) {
                agents.add(e.agent());
                writeEvent(root, e, entry.packageId().urn());
            }
        }
        writeAgents(root, agents);
        XmlDocuments.write(doc, out);
    }

    /**
     * Reads an event log written by {@link #writeLog}: its events in document order, each with its package (the last
     * {@code URN} among the event's linked objects), consecutive events of one package in one entry. Throws as {@link #read} does, and
     * {@link InvalidPackageException} ({@code AIP_PREMIS_INVALID}) for an event linked to no package.
     */
    public static List<LogEntry> readLog(InputStream in) {
        Document doc = SafeXml.parse(in);
        List<PremisEvent> events = readEvents(doc);
        List<Element> elements = children(doc.getDocumentElement(), NS, "event");
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String urn = null;
            for (Element lo : children(elements.get(i), NS, "linkingObjectIdentifier")) {
                if ("URN".equals(childText(lo, NS, "linkingObjectIdentifierType"))) {
                    urn = childText(lo, NS, "linkingObjectIdentifierValue");
                }
            }
            if (urn == null) {
                throw invalid("event " + events.get(i).id() + " is linked to no package");
            }
            PackageId id;
            try {
                id = PackageId.parse(urn.trim());
            } catch (RuntimeException e) {
                throw invalid("event " + events.get(i).id() + " is linked to " + urn + ", not a package URN");
            }
            int last = entries.size() - 1;
            if (last >= 0 && entries.get(last).packageId().equals(id)) {
                List<PremisEvent> joined = new ArrayList<>(entries.get(last).events());
                joined.add(events.get(i));
                entries.set(last, new LogEntry(id, joined));
            } else {
                entries.add(new LogEntry(id, List.of(events.get(i))));
            }
        }
        return entries;
    }

    private static void writeAgents(Element root, Set<String> agents) {
        for (String agent : agents) {
            Element a = child(root, NS, "premis:agent");
            Element aid = child(a, NS, "premis:agentIdentifier");
            child(aid, NS, "premis:agentIdentifierType", "URN");
            child(aid, NS, "premis:agentIdentifierValue", agentUrn(agent));
            child(a, NS, "premis:agentName", agent);
            Element type = child(a, NS, "premis:agentType", "software");
            attr(type, "authority", "agentType");
            attr(type, "authorityURI", PremisEventTypes.AGENT_TYPE_SCHEME);
            attr(type, "valueURI", PremisEventTypes.softwareAgentTypeUri());
            String version = agentVersion(agent);
            if (version != null) {
                child(a, NS, "premis:agentVersion", version);
            }
        }
    }

    /** Writes one event; {@code packageUrn}, when not null, is linked too unless it is the event's own object. */
    private static void writeEvent(Element root, PremisEvent e, String packageUrn) {
        Element ev = child(root, NS, "premis:event");
        Element eid = child(ev, NS, "premis:eventIdentifier");
        child(eid, NS, "premis:eventIdentifierType", "UUID");
        child(eid, NS, "premis:eventIdentifierValue", e.id());
        Element type = child(ev, NS, "premis:eventType", e.type());
        PremisEventTypes.eventTypeUri(e.type()).ifPresent(uri -> {
            attr(type, "authority", "eventType");
            attr(type, "authorityURI", PremisEventTypes.EVENT_TYPE_SCHEME);
            attr(type, "valueURI", uri);
        });
        child(ev, NS, "premis:eventDateTime", e.time().toString());
        Element detailInfo = child(ev, NS, "premis:eventDetailInformation");
        child(
                detailInfo,
                NS,
                "premis:eventDetail",
                e.type() + (e.object() == null ? "" : " of " + e.object()) + " by " + e.agent());
        Element outcomeInfo = child(ev, NS, "premis:eventOutcomeInformation");
        Element outcome = child(outcomeInfo, NS, "premis:eventOutcome", e.outcome());
        PremisEventTypes.outcomeUri(e.outcome()).ifPresent(uri -> {
            attr(outcome, "authority", "eventOutcome");
            attr(outcome, "authorityURI", PremisEventTypes.EVENT_OUTCOME_SCHEME);
            attr(outcome, "valueURI", uri);
        });
        if (e.detail() != null) {
            Element od = child(outcomeInfo, NS, "premis:eventOutcomeDetail");
            child(od, NS, "premis:eventOutcomeDetailNote", e.detail());
        }
        Element la = child(ev, NS, "premis:linkingAgentIdentifier");
        child(la, NS, "premis:linkingAgentIdentifierType", "URN");
        child(la, NS, "premis:linkingAgentIdentifierValue", agentUrn(e.agent()));
        Element role = child(la, NS, "premis:linkingAgentRole", "executing program");
        attr(role, "authority", "eventRelatedAgentRole");
        attr(role, "authorityURI", PremisEventTypes.AGENT_ROLE_SCHEME);
        attr(role, "valueURI", PremisEventTypes.executingProgramRoleUri());
        if (e.object() != null) {
            Element lo = child(ev, NS, "premis:linkingObjectIdentifier");
            child(lo, NS, "premis:linkingObjectIdentifierType", e.object().startsWith("urn:") ? "URN" : "filepath");
            child(lo, NS, "premis:linkingObjectIdentifierValue", e.object());
        }
        if (packageUrn != null && !packageUrn.equals(e.object())) {
            Element lo = child(ev, NS, "premis:linkingObjectIdentifier");
            child(lo, NS, "premis:linkingObjectIdentifierType", "URN");
            child(lo, NS, "premis:linkingObjectIdentifierValue", packageUrn);
        }
    }

    /**
     * Reads the events of a PREMIS document written by {@link #write} (or any PREMIS 3 document using the same
     * elements), in document order. Agents are resolved through the document's {@code agent} entries; an agent
     * identifier with no entry is returned as is. Throws {@link SafeXml.XmlRejected} for XML that is not well-formed
     * and {@link InvalidPackageException} ({@code AIP_PREMIS_INVALID}) when a required element is missing.
     */
    public static List<PremisEvent> read(InputStream in) {
        return readContents(in).events();
    }

    /**
     * What a PREMIS document holds: its events, and its characterised files by path.
     *
     * @param events the events, in document order
     * @param files the {@code premis:file} objects written by {@link PremisFileObjects}, by path
     * @param signatures the signatures recorded on those objects, in document order
     */
    public record Contents(List<PremisEvent> events, Map<String, PackageFile> files, List<SignatureRecord> signatures) {
        public Contents {
            events = List.copyOf(events);
            signatures = List.copyOf(signatures);
            files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
        }
    }

    /** Reads events (as {@link #read}) and the characterised files of a PREMIS document. */
    public static Contents readContents(InputStream in) {
        Document doc = SafeXml.parse(in);
        Element root = doc.getDocumentElement();
        return new Contents(readEvents(doc), PremisFileObjects.read(root), PremisFileObjects.readSignatures(root));
    }

    private static List<PremisEvent> readEvents(Document doc) {
        Element root = doc.getDocumentElement();
        if (!NS.equals(root.getNamespaceURI()) || !"premis".equals(root.getLocalName())) {
            throw invalid("root element is not premis:premis in " + NS);
        }
        Map<String, String> agentNames = new HashMap<>();
        for (Element a : children(root, NS, "agent")) {
            Element aid = firstChild(a, NS, "agentIdentifier");
            String name = childText(a, NS, "agentName");
            if (aid != null && name != null) {
                agentNames.put(childText(aid, NS, "agentIdentifierValue"), name);
            }
        }
        List<PremisEvent> events = new ArrayList<>();
        for (Element ev : children(root, NS, "event")) {
            Element eid = required(ev, "eventIdentifier");
            String id = requiredText(eid, "eventIdentifierValue");
            String type = requiredText(ev, "eventType");
            Instant time = parseTime(requiredText(ev, "eventDateTime"));
            Element outcomeInfo = required(ev, "eventOutcomeInformation");
            String outcome = requiredText(outcomeInfo, "eventOutcome");
            String detail = null;
            Element od = firstChild(outcomeInfo, NS, "eventOutcomeDetail");
            if (od != null) {
                detail = childText(od, NS, "eventOutcomeDetailNote");
            }
            Element la = required(ev, "linkingAgentIdentifier");
            String agentId = requiredText(la, "linkingAgentIdentifierValue");
            String agent = agentNames.getOrDefault(agentId, agentId);
            Element lo = firstChild(ev, NS, "linkingObjectIdentifier");
            String object = lo == null ? null : childText(lo, NS, "linkingObjectIdentifierValue");
            events.add(new PremisEvent(id, type, time, outcome, detail, agent, object));
        }
        return events;
    }

    /** The agent identifier Kho gives a software agent: {@code urn:uuid:} + a name-based UUID of its full name. */
    public static String agentUrn(String agentName) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("kho-agent:" + agentName).getBytes(StandardCharsets.UTF_8));
    }

    /** The trailing version token of an agent string ("Kho 0.1.0" → "0.1.0"), or null when it has none. */
    public static String agentVersion(String agentName) {
        int space = agentName.lastIndexOf(' ');
        if (space < 0 || space == agentName.length() - 1) {
            return null;
        }
        String last = agentName.substring(space + 1);
        return Character.isDigit(last.charAt(0)) ? last : null;
    }

    private static Instant parseTime(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw invalid("eventDateTime is not an ISO 8601 date-time: " + text);
            }
        }
    }

    private static Element required(Element parent, String localName) {
        Element e = firstChild(parent, NS, localName);
        if (e == null) {
            throw invalid(parent.getLocalName() + " has no " + localName);
        }
        return e;
    }

    private static String requiredText(Element parent, String localName) {
        return required(parent, localName).getTextContent();
    }

    private static InvalidPackageException invalid(String message) {
        return new InvalidPackageException(
                List.of(Finding.error("AIP_PREMIS_INVALID", message, "metadata/preservation/PREMIS.xml")));
    }
}
