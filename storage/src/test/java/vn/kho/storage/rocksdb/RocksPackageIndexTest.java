package vn.kho.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.AccessRegime;
import vn.kho.repository.DescriptiveRecord;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageFormat;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;
import vn.kho.repository.PremisEvent;
import vn.kho.storage.CopyStatus;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.IndexedPackage;
import vn.kho.storage.PackageIndex;

class RocksPackageIndexTest {
    private static final Instant CREATED = Instant.parse("2026-11-20T03:04:05.123456Z");

    @TempDir
    Path tmp;

    private static IndexedPackage pkg(PackageId id, String... paths) {
        List<PackageFile> files = new ArrayList<>();
        for (String path : paths) {
            files.add(new PackageFile(path, path.length(), "a".repeat(64), "application/pdf"));
        }
        DescriptiveRecord descriptive = new DescriptiveRecord(
                "Hồ sơ xây dựng trụ sở",
                "H01.2020.01",
                "01/01/2020",
                "31/12/2020",
                "70",
                AccessRegime.PUBLIC,
                List.of("vi"),
                Map.of("ArcFileCode", List.of("H01.2020.01")));
        PremisEvent event =
                new PremisEvent("e1", "ingestion end", CREATED, "success", "stored on a, b", "Kho 0.1.0", id.urn());
        return new IndexedPackage(
                new PackageDescription(id, 1, PackageFormat.TT05_SIP, CREATED, descriptive, files, List.of(event)),
                PackageState.ACTIVE);
    }

    private static List<IndexedFile> files(IndexedPackage pkg) {
        return pkg.description().files().stream()
                .map(f -> new IndexedFile(
                        f,
                        List.of(
                                new CopyStatus("a", "x/" + f.path(), null, null),
                                new CopyStatus("b", "x/" + f.path(), null, null))))
                .toList();
    }

    @Test
    void returnsWhatWasPutWithItsFilesInPathOrder() {
        PackageId id = PackageId.random();
        IndexedPackage pkg = pkg(id, "METS.xml", "data/b.pdf", "data/a.pdf");
        try (RocksPackageIndex index = new RocksPackageIndex(tmp)) {
            index.put(pkg, files(pkg));

            assertThat(index.get(id)).contains(pkg);
            assertThat(index.files(id))
                    .extracting(f -> f.file().path())
                    .containsExactly("METS.xml", "data/a.pdf", "data/b.pdf");
            assertThat(index.file(id, "data/a.pdf")).contains(files(pkg).get(2));
            assertThat(index.file(id, "data")).isEmpty();
            assertThat(index.get(PackageId.random())).isEmpty();
            assertThat(index.count()).isEqualTo(1);
        }
    }

    @Test
    void replacesAllFilesOfAPackageThatIsPutAgain() {
        PackageId id = PackageId.random();
        PackageId neighbour = PackageId.random();
        try (RocksPackageIndex index = new RocksPackageIndex(tmp)) {
            IndexedPackage first = pkg(id, "a.txt", "b.txt");
            index.put(first, files(first));
            IndexedPackage other = pkg(neighbour, "a.txt");
            index.put(other, files(other));
            IndexedPackage second = pkg(id, "c.txt");
            index.put(second, files(second));

            assertThat(index.files(id)).extracting(f -> f.file().path()).containsExactly("c.txt");
            assertThat(index.files(neighbour)).hasSize(1);
        }
    }

    @Test
    void pagesThroughPackagesInIdOrder() {
        try (RocksPackageIndex index = new RocksPackageIndex(tmp)) {
            List<PackageId> ids = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                PackageId id = PackageId.random();
                ids.add(id);
                index.put(pkg(id, "METS.xml"), List.of());
            }
            ids.sort(Comparator.comparing(PackageId::toString));

            List<PackageId> seen = new ArrayList<>();
            PackageId after = null;
            for (List<IndexedPackage> page = index.list(null, 3); !page.isEmpty(); page = index.list(after, 3)) {
                assertThat(page.size()).isLessThanOrEqualTo(3);
                page.forEach(p -> seen.add(p.description().id()));
                after = page.get(page.size() - 1).description().id();
            }

            assertThat(seen).containsExactlyElementsOf(ids);
            assertThat(index.list(ids.get(6), 3)).isEmpty();
            assertThat(index.count()).isEqualTo(7);
        }
    }

    @Test
    void recordsTheOutcomeOfOneCopysVerification() {
        PackageId id = PackageId.random();
        IndexedPackage pkg = pkg(id, "METS.xml", "data/a.pdf");
        Instant when = Instant.parse("2026-11-23T10:00:00Z");
        try (RocksPackageIndex index = new RocksPackageIndex(tmp)) {
            index.put(pkg, files(pkg));

            index.recordVerification(id, "data/a.pdf", "b", when, "MISMATCH");
            index.recordVerification(id, "data/a.pdf", "c", when, "OK");

            assertThat(index.file(id, "data/a.pdf").orElseThrow().copies())
                    .containsExactly(
                            new CopyStatus("a", "x/data/a.pdf", null, null),
                            new CopyStatus("b", "x/data/a.pdf", when, "MISMATCH"),
                            new CopyStatus("c", null, when, "OK"));
            assertThat(index.file(id, "METS.xml").orElseThrow().copies()).allMatch(c -> c.lastVerified() == null);
            assertThatThrownBy(() -> index.recordVerification(id, "nope", "a", when, "OK"))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void recordsTheOutcomesOfAWholeAuditInOneBatchAndNoneWhenOneFileIsUnknown() {
        PackageId id = PackageId.random();
        IndexedPackage pkg = pkg(id, "METS.xml", "data/a.pdf");
        Instant when = Instant.parse("2026-11-23T10:00:00Z");
        try (RocksPackageIndex index = new RocksPackageIndex(tmp)) {
            index.put(pkg, files(pkg));

            index.recordVerifications(
                    id,
                    List.of(
                            new PackageIndex.Verification("data/a.pdf", "a", when, "OK"),
                            new PackageIndex.Verification("data/a.pdf", "b", when, "MISMATCH"),
                            new PackageIndex.Verification("METS.xml", "a", when, "OK")));

            assertThat(index.file(id, "data/a.pdf").orElseThrow().copies())
                    .containsExactly(
                            new CopyStatus("a", "x/data/a.pdf", when, "OK"),
                            new CopyStatus("b", "x/data/a.pdf", when, "MISMATCH"));
            assertThat(index.file(id, "METS.xml").orElseThrow().copies().get(0).outcome())
                    .isEqualTo("OK");
            Instant later = when.plusSeconds(60);
            assertThatThrownBy(() -> index.recordVerifications(
                            id,
                            List.of(
                                    new PackageIndex.Verification("METS.xml", "a", later, "MISSING"),
                                    new PackageIndex.Verification("nope", "a", later, "OK"))))
                    .isInstanceOf(NotFoundException.class);
            assertThat(index.file(id, "METS.xml").orElseThrow().copies().get(0).outcome())
                    .isEqualTo("OK");
        }
    }

    @Test
    void removesOnePackageOrEverything() {
        PackageId kept = PackageId.random();
        PackageId removed = PackageId.random();
        try (RocksPackageIndex index = new RocksPackageIndex(tmp)) {
            index.put(pkg(kept, "a"), files(pkg(kept, "a")));
            index.put(pkg(removed, "a"), files(pkg(removed, "a")));

            index.remove(removed);
            assertThat(index.get(removed)).isEmpty();
            assertThat(index.files(removed)).isEmpty();
            assertThat(index.count()).isEqualTo(1);

            index.clear();
            assertThat(index.count()).isZero();
            assertThat(index.files(kept)).isEmpty();
            assertThat(index.list(null, 10)).isEmpty();
        }
    }

    @Test
    void keepsEverythingAcrossAReopen() {
        PackageId id = PackageId.random();
        IndexedPackage pkg = pkg(id, "METS.xml");
        try (RocksPackageIndex index = new RocksPackageIndex(tmp)) {
            index.put(pkg, files(pkg));
            index.setState(id, PackageState.ACTIVE);
        }
        try (RocksPackageIndex index = new RocksPackageIndex(tmp)) {
            assertThat(index.get(id)).contains(pkg);
            assertThat(index.files(id)).isEqualTo(files(pkg));
        }
    }
}
