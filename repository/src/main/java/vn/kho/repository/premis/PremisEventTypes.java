package vn.kho.repository.premis;

import java.util.Map;
import java.util.Optional;

/**
 * The Library of Congress preservation vocabularies Kho labels its PREMIS events with
 * (<a href="https://id.loc.gov/vocabulary/preservation.html">id.loc.gov/vocabulary/preservation</a>): the eventType
 * term for each event type string, the eventOutcome term for each outcome. A string the table does not know is still
 * written, only without {@code valueURI}.
 */
public final class PremisEventTypes {
    public static final String EVENT_TYPE_SCHEME = "http://id.loc.gov/vocabulary/preservation/eventType";
    public static final String EVENT_OUTCOME_SCHEME = "http://id.loc.gov/vocabulary/preservation/eventOutcome";
    public static final String AGENT_TYPE_SCHEME = "http://id.loc.gov/vocabulary/preservation/agentType";
    public static final String AGENT_ROLE_SCHEME = "http://id.loc.gov/vocabulary/preservation/eventRelatedAgentRole";

    private static final Map<String, String> EVENT_TYPES = Map.ofEntries(
            Map.entry("accession", "acc"),
            Map.entry("appraisal", "app"),
            Map.entry("capture", "cap"),
            Map.entry("compression", "com"),
            Map.entry("creation", "cre"),
            Map.entry("deaccession", "dea"),
            Map.entry("decompression", "dec"),
            Map.entry("decryption", "der"),
            Map.entry("deletion", "del"),
            Map.entry("digital signature generation", "dsg"),
            Map.entry("digital signature validation", "dig"),
            Map.entry("dissemination", "dis"),
            Map.entry("encryption", "enc"),
            Map.entry("filename change", "fil"),
            Map.entry("fixity check", "fix"),
            Map.entry("format identification", "for"),
            Map.entry("forensic feature analysis", "ffa"),
            Map.entry("information package creation", "ipc"),
            Map.entry("information package merging", "ipm"),
            Map.entry("information package splitting", "ips"),
            Map.entry("ingestion", "ing"),
            Map.entry("ingestion end", "ine"),
            Map.entry("ingestion start", "ins"),
            Map.entry("message digest calculation", "mes"),
            Map.entry("metadata extraction", "mee"),
            Map.entry("metadata modification", "mem"),
            Map.entry("migration", "mig"),
            Map.entry("modification", "mod"),
            Map.entry("normalization", "nor"),
            Map.entry("packing", "pac"),
            Map.entry("policy assignment", "poa"),
            Map.entry("quarantine", "qua"),
            Map.entry("recovery", "rec"),
            Map.entry("redaction", "red"),
            Map.entry("refreshment", "ref"),
            Map.entry("replication", "rep"),
            Map.entry("transfer", "tra"),
            Map.entry("unpacking", "unp"),
            Map.entry("unquarantine", "unq"),
            Map.entry("validation", "val"),
            Map.entry("virus check", "vir"));

    private static final Map<String, String> OUTCOMES = Map.of("success", "suc", "failure", "fai", "warning", "war");

    private PremisEventTypes() {}

    /** The eventType term URI for {@code type} (e.g. "fixity check" → {@code .../eventType/fix}), if LoC has one. */
    public static Optional<String> eventTypeUri(String type) {
        return Optional.ofNullable(EVENT_TYPES.get(type)).map(code -> EVENT_TYPE_SCHEME + "/" + code);
    }

    /** The eventOutcome term URI for "success", "failure" or "warning". */
    public static Optional<String> outcomeUri(String outcome) {
        return Optional.ofNullable(OUTCOMES.get(outcome)).map(code -> EVENT_OUTCOME_SCHEME + "/" + code);
    }

    /** The agentType term for software. */
    public static String softwareAgentTypeUri() {
        return AGENT_TYPE_SCHEME + "/sof";
    }

    /** The eventRelatedAgentRole term "executing program". */
    public static String executingProgramRoleUri() {
        return AGENT_ROLE_SCHEME + "/exe";
    }
}
