package vn.kho.ingest.sip;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One TT05 metadata record to write as its own XML file: the hồ sơ record ({@code <simpledc>}, {@code EAD.xml}) or a
 * document record ({@code <EAD_doc>}, {@code <EAD_pic>}, {@code <EAD_media>}). Each field becomes one child element, in
 * the order given; a repeated field is given once per value.
 *
 * @param rootElement the root element's name
 * @param namespace the namespace of every element, or null for none (TT05 packages seen in the field use none)
 * @param fields the child elements in order
 */
public record SipRecord(String rootElement, String namespace, List<Field> fields) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    public SipRecord {
        checkName(rootElement);
        fields = List.copyOf(fields);
    }

    /**
     * One element: its name and text.
     *
     * @throws IllegalArgumentException when the name is not an XML element name or the value holds a character XML
     *     1.0 cannot carry (a control character other than tab, line feed and carriage return)
     */
    public record Field(String name, String value) {
        public Field {
            checkName(name);
            Objects.requireNonNull(value, "value");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                    throw new IllegalArgumentException("the value of <" + name + "> holds U+"
                            + String.format("%04X", (int) c) + ", which XML cannot carry");
                }
            }
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an XML element name: " + name);
        }
    }
}
