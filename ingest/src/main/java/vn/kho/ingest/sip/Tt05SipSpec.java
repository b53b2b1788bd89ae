package vn.kho.ingest.sip;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link Tt05SipWriter} writes into one TT05 SIP. The writer writes what it is given: whether the values
 * satisfy the TT05 rules is for Kho's checks to say ({@code PackageChecker}), so a spec may describe a package Kho would
 * reject.
 *
 * @param objid {@code mets/@OBJID}, in TT05 {@code urn:uuid:<uuid>}
 * @param rootFolder the zip's one root folder; "" for none; null for the OBJID with ':' written as '_'
 * @param created {@code metsHdr/@CREATEDATE} and every {@code CREATED}; TT05 writes Vietnam's offset, +07:00
 * @param software the creating software: its name and version (SIP agent {@code OTHERTYPE="SOFTWARE"})
 * @param organisation the submitting organisation: its name and agency identification code
 * @param label {@code mets/@LABEL}, usually the hồ sơ title
 * @param hoSo the hồ sơ record written as {@code metadata/descriptive/EAD.xml}; empty for none
 * @param documents the documents, in order: each goes to {@code representations/rep1/data/<path>} with its record as
 *     {@code representations/rep1/metadata/descriptive/EAD_doc_<7-digit ordinal>.xml}
 * @param otherFiles files outside the representation (documentation and the like), listed in the root METS
 * @param premis {@code metadata/preservation/PREMIS.xml} (optional in a SIP); empty for none
 */
public record Tt05SipSpec(
        String objid,
        String rootFolder,
        OffsetDateTime created,
        Agent software,
        Agent organisation,
        String label,
        Optional<SipRecord> hoSo,
        List<Document> documents,
        List<OtherFile> otherFiles,
        Optional<SipSource> premis) {

    public Tt05SipSpec {
        Objects.requireNonNull(objid, "objid");
        rootFolder = rootFolder != null ? rootFolder : objid.replace(':', '_');
        if (!rootFolder.isEmpty()) {
            checkPath(rootFolder);
        }
        created = created.truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(hoSo, "hoSo");
        documents = List.copyOf(documents);
        otherFiles = List.copyOf(otherFiles);
        Objects.requireNonNull(premis, "premis");
    }

    /** A SIP as a producer makes one: root folder from the OBJID, no other files, no PREMIS. */
    public static Tt05SipSpec of(
            String objid,
            OffsetDateTime created,
            Agent software,
            Agent organisation,
            SipRecord hoSo,
            List<Document> documents) {
        String label = hoSo.fields().stream()
                .filter(f -> f.name().equals("title"))
                .map(SipRecord.Field::value)
                .findFirst()
                .orElse("");
        return new Tt05SipSpec(
                objid,
                null,
                created,
                software,
                organisation,
                label,
                Optional.of(hoSo),
                documents,
                List.of(),
                Optional.empty());
    }

    /**
     * A METS agent.
     *
     * @param name its {@code <name>}
     * @param note its {@code <note>}: the software's version, or the organisation's identification code
     */
    public record Agent(String name, String note) {
        public Agent {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * One document.
     *
     * @param path its path below {@code representations/rep1/data/}, segments separated by '/'
     * @param content its bytes
     * @param mimeType the {@code MIMETYPE} METS declares for it
     * @param record its document record ({@code EAD_doc}, or {@code EAD_pic} / {@code EAD_media})
     */
    public record Document(String path, SipSource content, String mimeType, SipRecord record) {
        public Document {
            checkPath(path);
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(mimeType, "mimeType");
            Objects.requireNonNull(record, "record");
        }
    }

    /**
     * A file outside the representation, listed in the root METS's {@code Documentation} file group.
     *
     * @param path its path in the package
     */
    public record OtherFile(String path, SipSource content, String mimeType) {
        public OtherFile {
            checkPath(path);
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }

    /** A relative path that stays where it is put: no empty, '.' or '..' segment, no backslash, no leading '/'. */
    private static void checkPath(String path) {
        if (path == null || path.isEmpty() || path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("not a relative package path: " + path);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a relative package path: " + path);
            }
        }
    }
}
