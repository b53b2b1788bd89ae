/**
 * File validation: JHOVE (one module per format) and, for PDFs, veraPDF's PDF/A check, run in a small pool of warm
 * child JVMs ({@link vn.kho.ingest.validate.ValidatorPool}) so that a parser that hangs or runs out of memory costs
 * one child, not the repository. Results are data ({@link vn.kho.ingest.validate.ValidationResult}); {@link
 * vn.kho.ingest.validate.ValidationFindings} turns them into coded findings.
 */
package vn.kho.ingest.validate;
