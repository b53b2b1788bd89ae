package vn.kho.preservation.audit;

/**
 * Packages, file copies and bytes: of an audit's whole scope, or of what it has done so far. A file copy is one file
 * of a package on one replica read.
 */
public record Totals(long packages, long files, long bytes) {
    public static final Totals NONE = new Totals(0, 0, 0);

    public Totals {
        if (packages < 0 || files < 0 || bytes < 0) {
            throw new IllegalArgumentException("negative totals");
        }
    }

    public Totals plus(Totals other) {
        return new Totals(packages + other.packages, files + other.files, bytes + other.bytes);
    }
}
