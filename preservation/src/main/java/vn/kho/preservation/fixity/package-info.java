/**
 * Fixity audits and repair: every copy of a package on every replica is re-read and compared with the index and with
 * its OCFL inventory ({@link vn.kho.preservation.fixity.CopyCheck}, {@link vn.kho.preservation.fixity.FixityCheck}),
 * bad copies are replaced from replicas whose copies verify ({@link vn.kho.preservation.fixity.PackageRepair}), and
 * the results become PREMIS events and, when no good copy is left, an incident
 * ({@link vn.kho.preservation.fixity.FixityAudit}). Scheduling, persisting events and incidents, and the HTTP API are
 * the callers' business.
 */
package vn.kho.preservation.fixity;
