package vn.kho.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A package's descriptive metadata: the hồ sơ record of a TT05 SIP ({@code EAD.xml}) or a bag's {@code bag-info.txt}.
 * The named fields are what Kho publishes (Dublin Core terms); {@code fields} keeps every element as submitted, in
 * order, by its source name.
 *
 * @param title Tiêu đề hồ sơ, or the bag's External-Description/Title; may be null
 * @param identifier the fileCode (Mã hồ sơ) or the bag's External-Identifier; may be null
 * @param startDate as written in the source (TT05: DD/MM/YYYY); may be null
 * @param endDate as written in the source; may be null
 * @param maintenance retention code (thời hạn bảo quản); may be null
 * @param access the access regime; never null
 * @param languages language codes, possibly empty
 */
public record DescriptiveRecord(
        String title,
        String identifier,
        String startDate,
        String endDate,
        String maintenance,
        AccessRegime access,
        List<String> languages,
        Map<String, List<String>> fields) {

    public DescriptiveRecord {
        Objects.requireNonNull(access, "access");
        languages = List.copyOf(languages);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        fields = java.util.Collections.unmodifiableMap(copy);
    }

    public static DescriptiveRecord empty(AccessRegime access) {
        return new DescriptiveRecord(null, null, null, null, null, access, List.of(), Map.of());
    }
}
