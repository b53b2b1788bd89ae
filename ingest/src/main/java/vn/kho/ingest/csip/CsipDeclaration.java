package vn.kho.ingest.csip;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * Whether, and how, a package's root METS declares E-ARK CSIP.
 *
 * <p><b>How "declares CSIP" is detected.</b> The root {@code METS.xml} is a {@code mets} element in the METS namespace
 * and at least one of: its {@code @PROFILE} names an E-ARK profile (a {@code dilcis.eu} URL, or a file name such as
 * {@code E-ARK-SIP-v2-2-0.xml}); it declares or uses the CSIP extension namespace
 * {@code https://DILCIS.eu/XML/METS/CSIPExtensionMETS}; or one of its {@code structMap}s is labelled {@code CSIP}
 * (also the draft label {@code CSIP StructMap}). A plain METS without any of these is not a CSIP package and gets no
 * CSIP findings. TT05 SIPs declare the E-ARK SIP 2.2 profile and the CSIP namespace.
 *
 * <p><b>Version.</b> Read from the profile file name ({@code ...-v2-0-4.xml}); a package whose profile names no
 * version (such as {@code .../profile/CSIP.xml} or {@code E-ARK-CSIP.xml}) is held to 2.2.
 *
 * @param profile the {@code mets/@PROFILE} value, "" when absent
 * @param sip whether the profile is an E-ARK SIP profile, so that the SIP requirements apply too
 * @param older whether the profile names a version before 2.2
 */
record CsipDeclaration(String profile, boolean sip, boolean older) {
    static final String SIP_22_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-2-0.xml";
    private static final Pattern VERSION = Pattern.compile("-v(\\d+)-(\\d+)-(\\d+)\\.xml$", Pattern.CASE_INSENSITIVE);

    /** The declaration of the METS whose root element is {@code mets}, or empty when it does not declare CSIP. */
    static Optional<CsipDeclaration> of(Element mets) {
        if (!Dom.isMets(mets, "mets")) {
            return Optional.empty();
        }
        String profile = Dom.attr(mets, "PROFILE");
        boolean declared = isEarkProfile(profile) || usesCsipNamespace(mets) || hasCsipStructMap(mets);
        if (!declared) {
            return Optional.empty();
        }
        return Optional.of(new CsipDeclaration(profile, isSipProfile(profile), isOlder(profile)));
    }

    /** For a root METS that cannot be parsed: whether its raw text shows signs of CSIP. */
    static boolean sniff(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        return text.contains(Dom.CSIP_NS) || text.toLowerCase(Locale.ROOT).contains("dilcis.eu");
    }

    static boolean isEarkProfile(String profile) {
        String p = profile.toLowerCase(Locale.ROOT);
        return p.contains("dilcis.eu") || p.matches(".*e-ark-(c?sip|aip|dip).*");
    }

    static boolean isSipProfile(String profile) {
        String p = profile.toLowerCase(Locale.ROOT);
        return p.contains("earksip.") || p.matches(".*e-ark-sip.*");
    }

    /** The version the profile names, or empty when it names none. */
    static Optional<int[]> version(String profile) {
        Matcher m = VERSION.matcher(profile.trim());
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(
                new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
    }

    private static boolean isOlder(String profile) {
        return version(profile).map(v -> v[0] < 2 || (v[0] == 2 && v[1] < 2)).orElse(false);
    }

    private static boolean usesCsipNamespace(Element mets) {
        NamedNodeMap attributes = mets.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (Dom.CSIP_NS.equals(a.getNamespaceURI()) || Dom.CSIP_NS.equals(a.getValue())) {
                return true;
            }
        }
        for (Element hdr : Dom.children(mets, "metsHdr")) {
            if (hdr.hasAttributeNS(Dom.CSIP_NS, "OAISPACKAGETYPE")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCsipStructMap(Element mets) {
        for (Element structMap : Dom.children(mets, "structMap")) {
            String label = Dom.attr(structMap, "LABEL").toUpperCase(Locale.ROOT);
            if (label.equals("CSIP") || label.equals("CSIP STRUCTMAP")) {
                return true;
            }
        }
        return false;
    }
}
