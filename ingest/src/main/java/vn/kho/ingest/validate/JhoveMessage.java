package vn.kho.ingest.validate;

import java.util.Objects;

/**
 * One message as JHOVE reported it: {@code severity} is {@code error}, {@code warning} or {@code info}; {@code id} is
 * JHOVE's message id ({@code PDF-HUL-38}) or {@code null}; {@code text} includes JHOVE's sub-message when it gave one;
 * {@code offset} is the byte offset in the file the message is about, or {@code null}.
 */
public record JhoveMessage(String severity, String id, String text, String offset) {
    public JhoveMessage {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(text, "text");
    }

    public boolean isError() {
        return severity.equals("error");
    }
}
