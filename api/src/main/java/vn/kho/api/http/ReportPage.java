package vn.kho.api.http;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import vn.kho.repository.FileFormat;
import vn.kho.repository.FileValidation;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;
import vn.kho.storage.IndexedFile;

/**
 * The check record as a page a clerk can print and sign (biên bản kiểm tra): every label in Vietnamese and English,
 * times in Vietnam's time zone, self-contained (no scripts, no external styles or fonts).
 */
final class ReportPage {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final Map<IngestReport.Outcome, String> OUTCOMES = Map.of(
            IngestReport.Outcome.ACCEPTED, "Tiếp nhận / Accepted",
            IngestReport.Outcome.ACCEPTED_WITH_WARNINGS, "Tiếp nhận, có cảnh báo / Accepted with warnings",
            IngestReport.Outcome.REJECTED, "Từ chối / Rejected",
            IngestReport.Outcome.FAILED, "Không hoàn thành do lỗi hệ thống / Failed (system error)",
            IngestReport.Outcome.IN_PROGRESS, "Đang kiểm tra / Being checked");
    private static final Map<Severity, String> SEVERITIES = Map.of(
            Severity.ERROR, "Lỗi / Error",
            Severity.WARNING, "Cảnh báo / Warning",
            Severity.INFO, "Thông tin / Information");

    private ReportPage() {}

    static String render(IngestReport r) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Biên bản kiểm tra gói tin / Check record — ")
                .append(esc(r.job().id().toString()))
                .append("</title>\n<style>\n")
                .append("body{font-family:serif;margin:2em;max-width:60em}h1{font-size:1.4em;text-align:center}")
                .append("table{border-collapse:collapse;width:100%;margin:1em 0}")
                .append("th,td{border:1px solid #444;padding:.3em .5em;text-align:left;vertical-align:top;")
                .append("font-size:.9em}th{background:#eee}.ERROR{color:#a00}.WARNING{color:#850}")
                .append("code{font-size:.85em;word-break:break-all}.sign{margin-top:3em;display:flex;")
                .append("justify-content:space-between}@media print{body{margin:0}}\n</style>\n</head>\n<body>\n");
        h.append("<h1>BIÊN BẢN KIỂM TRA GÓI TIN NỘP LƯU<br><small>Ingest check record</small></h1>\n");
        h.append("<table>\n");
        row(h, "Mã lượt nộp / Ingest id", "<code>" + esc(r.job().id().toString()) + "</code>");
        row(h, "Thời điểm tiếp nhận / Received", esc(TIME.format(r.job().received())));
        row(h, "Cập nhật / Last update", esc(TIME.format(r.job().updated())));
        row(
                h,
                "Gói tin / Upload",
                esc(String.format("%,d", r.job().uploadSize())) + " byte, SHA-256 <code>"
                        + esc(r.job().uploadSha256()) + "</code>");
        r.stored().ifPresent(p -> {
            var d = p.description();
            row(h, "Mã gói / Package id", "<code>" + esc(d.id().urn()) + "</code>");
            row(h, "Mã hồ sơ / File code", esc(nullToDash(d.descriptive().identifier())));
            row(h, "Tiêu đề / Title", esc(nullToDash(d.descriptive().title())));
        });
        var counts = r.counts();
        row(
                h,
                "Kết quả / Outcome",
                "<strong>" + esc(OUTCOMES.get(r.outcome())) + "</strong> — " + counts.get(Severity.ERROR)
                        + " lỗi / errors, " + counts.get(Severity.WARNING) + " cảnh báo / warnings, "
                        + counts.get(Severity.INFO) + " thông tin / notes");
        h.append("</table>\n");

        h.append("<h2>Kết quả kiểm tra / Findings</h2>\n");
        if (r.job().findings().isEmpty()) {
            h.append("<p>Không có phát hiện nào / No findings.</p>\n");
        } else {
            h.append("<table>\n<tr><th>#</th><th>Mức độ / Severity</th><th>Mã / Code</th>")
                    .append("<th>Nội dung / Message</th><th>Tệp / File</th></tr>\n");
            int n = 0;
            for (Finding f : r.job().findings()) {
                h.append("<tr class=\"")
                        .append(f.severity().name())
                        .append("\"><td>")
                        .append(++n)
                        .append("</td><td>")
                        .append(esc(SEVERITIES.get(f.severity())))
                        .append("</td><td><code>")
                        .append(esc(f.code()))
                        .append(f.requirement() == null ? "" : " (" + esc(f.requirement()) + ")")
                        .append("</code></td><td>")
                        .append(esc(f.message()))
                        .append("</td><td><code>")
                        .append(esc(nullToDash(f.path())))
                        .append("</code></td></tr>\n");
            }
            h.append("</table>\n");
        }

        if (!r.contentFiles().isEmpty()) {
            h.append("<h2>Tệp đã kiểm tra / Files checked</h2>\n<table>\n<tr><th>#</th><th>Tệp / File</th>")
                    .append("<th>Dung lượng / Size</th><th>Định dạng / Format</th><th>PRONOM</th>")
                    .append("<th>Kiểm tra định dạng / Validation</th><th>PDF/A</th></tr>\n");
            int n = 0;
            for (IndexedFile f : r.contentFiles()) {
                FileFormat format = f.file().format();
                FileValidation v = f.file().validation();
                h.append("<tr><td>")
                        .append(++n)
                        .append("</td><td><code>")
                        .append(esc(f.file().path()))
                        .append("</code></td><td>")
                        .append(String.format("%,d", f.file().size()))
                        .append("</td><td>")
                        .append(format == null ? "—" : esc(formatName(format)))
                        .append("</td><td>")
                        .append(format == null || format.puid() == null ? "—" : esc(format.puid()))
                        .append("</td><td>")
                        .append(v == null ? "—" : esc(v.status() + (v.tool() == null ? "" : " (" + v.tool() + ")")))
                        .append("</td><td>")
                        .append(v == null ? "—" : esc(pdfa(v)))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        List<vn.kho.repository.signature.SignatureRecord> signatures =
                r.stored().map(p -> p.description().signatures()).orElse(List.of());
        if (!signatures.isEmpty()) {
            h.append("<h2>Chữ ký số / Digital signatures</h2>\n<table>\n<tr><th>#</th><th>Tệp / File</th>")
                    .append("<th>Người ký / Signer</th><th>Thời điểm xác thực / Validated at</th>")
                    .append("<th>Kết quả / Outcome</th></tr>\n");
            int n = 0;
            for (var sig : signatures) {
                h.append("<tr><td>")
                        .append(++n)
                        .append("</td><td><code>")
                        .append(esc(sig.path()))
                        .append("</code>")
                        .append(
                                sig.kind() == vn.kho.repository.signature.SignatureRecord.Kind.PDF
                                        ? " (" + sig.ordinal() + ")"
                                        : " (.p7s)")
                        .append("</td><td>")
                        .append(esc(sig.signer() == null ? "—" : sig.signer()))
                        .append("</td><td>")
                        .append(esc(TIME.format(sig.validationTime())))
                        .append(sig.timestampTime() == null ? "" : " (dấu thời gian / timestamp)")
                        .append("</td><td>")
                        .append(esc(sig.outcome()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<div class=\"sign\"><div>Người kiểm tra / Checked by<br><br><br>(ký, ghi rõ họ tên / signature,")
                .append(" full name)</div><div>Lập bởi / Produced by Kho, ")
                .append(esc(TIME.format(java.time.Instant.now())))
                .append("</div></div>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String formatName(FileFormat f) {
        String name = f.name() == null ? f.mediaType() : f.name();
        return f.version() == null || name.contains(f.version()) ? name : name + " " + f.version();
    }

    private static String pdfa(FileValidation v) {
        if (v.pdfaClaimed() == null) {
            return "—";
        }
        return "khai báo / claimed " + v.pdfaClaimed() + "; "
                + (v.pdfaVerified() != null ? "đạt / verified " + v.pdfaVerified() : "không đạt / not verified");
    }

    private static void row(StringBuilder h, String label, String valueHtml) {
        h.append("<tr><th>")
                .append(esc(label))
                .append("</th><td>")
                .append(valueHtml)
                .append("</td></tr>\n");
    }

    private static String nullToDash(String s) {
        return s == null ? "—" : s;
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
