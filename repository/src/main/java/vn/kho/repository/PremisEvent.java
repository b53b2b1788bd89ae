package vn.kho.repository;

import java.time.Instant;
import java.util.Objects;

/**
 * A PREMIS 3 event: every preservation action leaves one.
 *
 * @param id a UUID (eventIdentifier, type UUID)
 * @param type a term of the Library of Congress eventType vocabulary, e.g. "ingestion start", "fixity check",
 *     "message digest calculation", "validation", "information package creation", "replication"
 * @param time when it happened
 * @param outcome "success", "failure" or "warning"
 * @param detail human-readable detail (eventOutcomeDetailNote)
 * @param agent the acting agent, e.g. "Kho 0.1.0"
 * @param object what it acted on: the package URN, or a logical file path within it
 */
public record PremisEvent(
        String id, String type, Instant time, String outcome, String detail, String agent, String object) {
    public PremisEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(agent, "agent");
    }
}
