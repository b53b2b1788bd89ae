package vn.kho.ingest.csip;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;
import vn.kho.ingest.tt05.MetsHrefs;
import vn.kho.ingest.unpack.UnpackedFile;

/**
 * The attributes every reference to a file must carry, for an {@code mdRef} (in dmdSec, digiprovMD, rightsMD) or a
 * fileSec {@code file} with its {@code FLocat}: locator, link type, a relative href to a file of the package, media
 * type, size, creation time, checksum and checksum type. Whether the size and checksum are <em>right</em> is the TT05
 * reader's business; here their presence and form are checked.
 */
final class ReferenceRules {
    /**
     * The requirement ids of one kind of reference, in the order LOCTYPE, xlink:type, href, MDTYPE, MIMETYPE, SIZE,
     * CREATED, CHECKSUM, CHECKSUMTYPE; {@code mdType} is null for files, {@code locator} the id for a missing FLocat.
     */
    record Ids(
            String locator,
            String locType,
            String xlinkType,
            String href,
            String mdType,
            String mimeType,
            String size,
            String created,
            String checksum,
            String checksumType) {}

    static final Ids DMD =
            new Ids(null, "CSIP22", "CSIP23", "CSIP24", "CSIP25", "CSIP26", "CSIP27", "CSIP28", "CSIP29", "CSIP30");
    static final Ids DIGIPROV =
            new Ids(null, "CSIP36", "CSIP37", "CSIP38", "CSIP39", "CSIP40", "CSIP41", "CSIP42", "CSIP43", "CSIP44");
    static final Ids RIGHTS =
            new Ids(null, "CSIP49", "CSIP50", "CSIP51", "CSIP52", "CSIP53", "CSIP54", "CSIP55", "CSIP56", "CSIP57");
    static final Ids FILE =
            new Ids("CSIP76", "CSIP77", "CSIP78", "CSIP79", null, "CSIP68", "CSIP69", "CSIP70", "CSIP71", "CSIP72");

    private static final Map<String, Integer> HEX_LENGTHS =
            Map.of("MD5", 32, "SHA-1", 40, "SHA-256", 64, "SHA-384", 96, "SHA-512", 128, "CRC32", 8, "ADLER-32", 8);

    private ReferenceRules() {}

    /**
     * Checks {@code holder} (an {@code mdRef} or a {@code file}) and records the package path it resolves to in
     * {@code referenced}.
     */
    static void check(
            MetsFile mets,
            Element holder,
            Ids ids,
            Map<String, UnpackedFile> files,
            Set<String> referenced,
            CsipReport report) {
        String p = mets.path();
        boolean isFile = ids.locator() != null;
        String prefix = isFile ? "CSIP_FILE_" : "CSIP_MDREF_";
        String id = Dom.attr(holder, "ID");
        String where = p + ": " + parentName(holder) + holder.getLocalName() + (id.isEmpty() ? "" : " '" + id + "'");
        Element locator = holder;
        if (isFile) {
            locator = Dom.child(holder, "FLocat").orElse(null);
            if (locator == null) {
                report.must(
                        ids.locator(), "CSIP_FLOCAT_MISSING", where + " has no FLocat giving the file's location", p);
            }
        }
        String locPrefix = isFile ? "CSIP_FLOCAT_" : prefix;
        if (locator != null) {
            if (!Dom.attr(locator, "LOCTYPE").equals("URL")) {
                report.must(
                        ids.locType(),
                        locPrefix + "LOCTYPE_NOT_URL",
                        where + (isFile ? " FLocat" : "") + " must have @LOCTYPE='URL', found '"
                                + Dom.attr(locator, "LOCTYPE") + "'",
                        p);
            }
            if (!Dom.xlink(locator, "type").equals("simple")) {
                report.must(
                        ids.xlinkType(),
                        locPrefix + "XLINK_TYPE_NOT_SIMPLE",
                        where + (isFile ? " FLocat" : "") + " must have @xlink:type='simple'",
                        p);
            }
            String href = Dom.xlink(locator, "href");
            if (href.isEmpty()) {
                report.must(ids.href(), locPrefix + "HREF_MISSING", where + " has no @xlink:href", p);
            } else {
                MetsHrefs.Resolved target = MetsHrefs.resolve(mets.baseDir(), href, files);
                if (!target.ok()) {
                    report.must(ids.href(), locPrefix + "HREF_INVALID", where + ": @xlink:href " + target.reason(), p);
                } else {
                    referenced.add(target.path());
                    if (!files.containsKey(target.path())) {
                        report.must(
                                ids.href(),
                                locPrefix + "HREF_TARGET_MISSING",
                                where + " points to " + target.path() + ", which is not in the package",
                                p);
                    }
                }
            }
        }
        if (ids.mdType() != null && Dom.attr(holder, "MDTYPE").isEmpty()) {
            report.must(ids.mdType(), prefix + "MDTYPE_MISSING", where + " has no @MDTYPE", p);
        }
        if (Dom.attr(holder, "MIMETYPE").isEmpty()) {
            report.must(ids.mimeType(), prefix + "MIMETYPE_MISSING", where + " has no @MIMETYPE", p);
        }
        if (Dom.attr(holder, "SIZE").isEmpty()) {
            report.must(ids.size(), prefix + "SIZE_MISSING", where + " has no @SIZE", p);
        }
        if (Dom.attr(holder, "CREATED").isEmpty()) {
            report.must(ids.created(), prefix + "CREATED_MISSING", where + " has no @CREATED", p);
        }
        String checksum = Dom.attr(holder, "CHECKSUM");
        String checksumType = Dom.attr(holder, "CHECKSUMTYPE");
        if (checksum.isEmpty()) {
            report.must(ids.checksum(), prefix + "CHECKSUM_MISSING", where + " has no @CHECKSUM", p);
        }
        if (checksumType.isEmpty()) {
            report.must(ids.checksumType(), prefix + "CHECKSUMTYPE_MISSING", where + " has no @CHECKSUMTYPE", p);
        }
        Integer length = HEX_LENGTHS.get(checksumType.toUpperCase(Locale.ROOT));
        if (!checksum.isEmpty() && length != null && !checksum.matches("[0-9a-fA-F]{" + length + "}")) {
            report.must(
                    ids.checksum(),
                    prefix + "CHECKSUM_MALFORMED",
                    where + " declares a " + checksumType + " @CHECKSUM '" + checksum + "' that is not " + length
                            + " hexadecimal digits",
                    p);
        }
    }

    private static String parentName(Element holder) {
        if (holder.getParentNode() instanceof Element parent
                && !holder.getLocalName().equals("file")) {
            String parentId = Dom.attr(parent, "ID");
            return parent.getLocalName() + (parentId.isEmpty() ? "" : " '" + parentId + "'") + "/";
        }
        return "";
    }
}
