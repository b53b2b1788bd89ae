package vn.kho.ingest.csip;

import org.w3c.dom.Element;

/**
 * One parsed METS file of a CSIP package.
 *
 * @param path its package-relative path ({@code METS.xml}, {@code representations/rep1/METS.xml})
 * @param mets its root {@code mets} element
 * @param packageLevel whether it is the package's root METS (else a representation METS)
 */
record MetsFile(String path, Element mets, boolean packageLevel) {
    /** The folder holding it, "" or ending in '/'. */
    String baseDir() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }

    /** The name of the folder holding it ({@code rep1} for {@code representations/rep1/METS.xml}), "" for the root. */
    String folderName() {
        String dir = baseDir();
        if (dir.isEmpty()) {
            return "";
        }
        String trimmed = dir.substring(0, dir.length() - 1);
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
