package vn.kho.ingest.job;

/** Where an ingest job stands. STORED, REJECTED and FAILED are final. */
public enum IngestStatus {
    /** The upload is on the staging disk (fsynced) and journaled; nothing has been checked yet. */
    RECEIVED,
    /** Unpacking and checking the package. */
    CHECKING,
    /** Writing and verifying the OCFL object on every replica. */
    STORING,
    /** Every replica holds a verified copy; the package is indexed. */
    STORED,
    /** The package was refused; the findings say why. Nothing was stored. */
    REJECTED,
    /** Kho could not store the package (a replica failed, an internal error); nothing partial was kept. */
    FAILED;

    public boolean isFinal() {
        return this == STORED || this == REJECTED || this == FAILED;
    }
}
