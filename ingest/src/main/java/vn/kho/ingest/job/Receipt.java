package vn.kho.ingest.job;

import java.util.Objects;

/**
 * An ingest receipt (biên bản giao nhận) as issued: the receipt's JSON bytes and the archive's detached CMS signature
 * of exactly those bytes. Stored once, when the ingest ends, and always served as stored, so the signature keeps
 * verifying.
 *
 * @param json the receipt, UTF-8 JSON
 * @param signature DER CMS SignedData, detached, over {@code json}
 */
public record Receipt(byte[] json, byte[] signature) {
    public Receipt {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(signature, "signature");
        json = json.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] json() {
        return json.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
