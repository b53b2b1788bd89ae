package vn.kho.ingest;

import org.apache.tika.mime.MimeTypes;

/**
 * A first media type from the file name alone (Tika's name globs), until format identification by content comes with
 * the format-checks issue.
 */
final class MediaTypes {
    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();

    private MediaTypes() {}

    static String byName(String path) {
        String type = TYPES.getMimeType(path).toString();
        return type;
    }
}
