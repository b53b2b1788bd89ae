package vn.kho.ingest.tt05;

/** Which kind of archive a deployment is (TT05: a historical archive accepts permanent records only). */
public enum ArchiveKind {
    /** Lưu trữ lịch sử: keeps records for ever, so accepts maintenance {@code 01} (Vĩnh viễn) only. */
    HISTORICAL,
    /** Lưu trữ hiện hành (cơ quan): an agency's own archive, which keeps records of every retention period. */
    AGENCY
}
