package vn.kho.ingest.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Writes the two sample packages of {@code samples/} (see {@code samples/README.md}). Every input is fixed, so the
 * output is byte-for-byte the same on every run; {@code SamplesTest} checks that the committed files still match.
 *
 * <p>Run from the project root after {@code mvn -o -q -pl ingest -am test-compile}:
 * {@code java -cp ingest/target/test-classes:ingest/target/classes:repository/target/classes
 * vn.kho.ingest.testkit.SampleGenerator samples}
 */
public final class SampleGenerator {
    public static final String TT05_SAMPLE = "tt05-sip-sample.zip";
    public static final String BAG_SAMPLE = "bag-sample.zip";
    public static final UUID TT05_SAMPLE_ID = UUID.fromString("0b6f5c2e-7a1d-4c3b-9e8f-2d4a6b8c0e12");

    private SampleGenerator() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "samples");
        write(dir);
        System.out.println("wrote " + dir.resolve(TT05_SAMPLE) + " and " + dir.resolve(BAG_SAMPLE));
    }

    /** Writes both samples into {@code dir}. */
    public static void write(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tt05Sample().writeZip(dir.resolve(TT05_SAMPLE));
        bagSample().writeZip(dir.resolve(BAG_SAMPLE), true);
    }

    /** A TT05 SIP: one public (mode 01) hồ sơ with two one-page PDFs and Vietnamese metadata. */
    public static Tt05SipBuilder tt05Sample() {
        String fileCode = "000.00.00.H30.2024.15";
        return Tt05SipBuilder.create()
                .id(TT05_SAMPLE_ID)
                .createdAt(OffsetDateTime.parse("2025-07-15T09:00:00+07:00"))
                .title("Hồ sơ Hội nghị tổng kết công tác văn thư, lưu trữ năm 2024")
                .fileCode(fileCode)
                .mode("01")
                .maintenance("01")
                .languages("01")
                .organisation("Sở Nội vụ tỉnh Nam Định", "000.00.00.H30")
                .document(
                        fileCode + ".0000001.001.pdf",
                        TinyPdf.bytes("Kế hoạch tổ chức Hội nghị tổng kết", "Ke hoach to chuc Hoi nghi tong ket 2024"),
                        "Kế hoạch tổ chức Hội nghị tổng kết công tác văn thư, lưu trữ năm 2024")
                .document(
                        fileCode + ".0000002.001.pdf",
                        TinyPdf.bytes("Báo cáo tổng kết công tác năm 2024", "Bao cao tong ket cong tac nam 2024"),
                        "Báo cáo tổng kết công tác văn thư, lưu trữ năm 2024 và phương hướng năm 2025");
    }

    /** A BagIt 1.0 bag with sha256 and sha512 manifests and two small payload files. */
    public static BagBuilder bagSample() {
        return BagBuilder.create()
                .folderName("bag-sample")
                .payload("README.txt", "Mẫu gói BagIt cho Kho: một tệp văn bản và một tệp PDF nhỏ.\n")
                .payload(
                        "ban-tin/ban-tin-so-1.pdf",
                        TinyPdf.bytes("Bản tin nội bộ số 1", "Ban tin noi bo so 1")
                                .clone())
                .info("Source-Organization", "Sở Nội vụ tỉnh Nam Định")
                .info("External-Identifier", "KHO-BAG-SAMPLE-0001")
                .info("Title", "Bản tin nội bộ năm 2025 (mẫu BagIt)")
                .info("External-Description", "Gói mẫu dùng trong hướng dẫn README của Kho")
                .info("Access-Regime", "01");
    }
}
