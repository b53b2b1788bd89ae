package vn.kho.repository;

/** The submission formats Kho accepts, detected from a package's content. */
public enum PackageFormat {
    /** BagIt 1.0 or 0.97 (RFC 8493). */
    BAGIT,
    /** A Vietnamese TT05/2025 SIP (E-ARK CSIP based). */
    TT05_SIP
}
