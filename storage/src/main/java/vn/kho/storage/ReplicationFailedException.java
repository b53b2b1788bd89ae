package vn.kho.storage;

import java.util.List;
import java.util.Map;
import vn.kho.repository.Finding;
import vn.kho.repository.StorageFailureException;

/**
 * A replicated write that did not reach the quorum of replicas with a verified copy, and was rolled back. Code
 * {@code STORAGE_REPLICA_FAILED}, or {@code STORAGE_QUORUM_NOT_MET} when too few replicas were up to try; {@link #findings()} holds, per failed replica, what its verification found (empty when
 * the write itself failed; the cause is then among the suppressed exceptions or the message).
 */
public class ReplicationFailedException extends StorageFailureException {
    private final Map<String, List<Finding>> findings;

    public ReplicationFailedException(String message, Map<String, List<Finding>> findings, Throwable cause) {
        this("STORAGE_REPLICA_FAILED", message, findings, cause);
    }

    /** With another code: {@code STORAGE_QUORUM_NOT_MET} when too few replicas were up to be written. */
    public ReplicationFailedException(
            String code, String message, Map<String, List<Finding>> findings, Throwable cause) {
        super(code, message, cause);
        this.findings = Map.copyOf(findings);
    }

    /** Per failed replica id, the findings of its verification (empty if it failed before or while writing). */
    public Map<String, List<Finding>> findings() {
        return findings;
    }
}
