package vn.kho.ingest.signature.pdfbox;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;

/**
 * One page as a reader sees it, as digests: {@code parts} maps what was looked at ({@code content}, {@code MediaBox},
 * {@code CropBox}, {@code Rotate}, {@code UserUnit}, {@code Group}, {@code AA}, {@code resource Font/F1}, …) to a
 * value or digest; {@code annotations} lists the page's annotations in order.
 */
record PageView(Map<String, String> parts, List<AnnotationView> annotations) {

    static PageView of(PDPage page, CosDigester digester) throws IOException {
        Map<String, String> parts = new TreeMap<>();
        parts.put("content", content(page, digester));
        parts.put("MediaBox", String.valueOf(page.getMediaBox()));
        parts.put("CropBox", String.valueOf(page.getCropBox()));
        parts.put("Rotate", String.valueOf(page.getRotation()));
        parts.put("UserUnit", String.valueOf(page.getUserUnit()));
        parts.put("Group", digester.hex(page.getCOSObject().getDictionaryObject(COSName.GROUP)));
        parts.put("AA", digester.hex(page.getCOSObject().getDictionaryObject(COSName.AA)));
        PDResources resources = page.getResources();
        if (resources != null) {
            COSDictionary dictionary = resources.getCOSObject();
            for (COSName category : dictionary.keySet()) {
                if (dictionary.getDictionaryObject(category) instanceof COSDictionary named) {
                    for (COSName name : named.keySet()) {
                        parts.put(
                                "resource " + category.getName() + "/" + name.getName(),
                                digester.hex(named.getItem(name)));
                    }
                } else {
                    parts.put("resource " + category.getName(), digester.hex(dictionary.getItem(category)));
                }
            }
        }
        List<AnnotationView> annotations = new ArrayList<>();
        if (page.getCOSObject().getDictionaryObject(COSName.ANNOTS) instanceof COSArray annots) {
            for (int i = 0; i < annots.size(); i++) {
                if (annots.getObject(i) instanceof COSDictionary annotation) {
                    annotations.add(AnnotationView.of(annotation, digester));
                }
            }
        }
        return new PageView(Map.copyOf(parts), List.copyOf(annotations));
    }

    /** The digest of the page's content streams, decoded and concatenated; of the raw streams if they do not decode. */
    private static String content(PDPage page, CosDigester digester) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(page.getContents(), md)) {
            byte[] buffer = new byte[16 * 1024];
            while (in.read(buffer) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return "undecodable " + digester.hex(page.getCOSObject().getItem(COSName.CONTENTS));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
