package vn.kho.storage.ocfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.EventLogIds;
import vn.kho.storage.StagedVersion;
import vn.kho.storage.Staging;

class OcflVersionAppenderTest {
    private static final PackageId LOG = EventLogIds.of(YearMonth.of(2026, 11));

    @TempDir
    Path tmp;

    private FilesystemReplica a;
    private FilesystemReplica b;
    private OcflVersionAppender appender;

    @BeforeEach
    void open() {
        a = new FilesystemReplica("a", tmp.resolve("replicas/a"));
        b = new FilesystemReplica("b", tmp.resolve("replicas/b"));
        appender = new OcflVersionAppender(tmp.resolve("staging/root"), tmp.resolve("staging/work"));
    }

    @AfterEach
    void close() {
        b.close();
        a.close();
    }

    private StagedVersion stage(FilesystemReplica base, String path, String text) {
        RootInventory root = base == null ? null : RootInventory.read(base, LOG).orElseThrow();
        return appender.stage(
                LOG, root, Map.of(path, text.getBytes(StandardCharsets.UTF_8)), "events", "Kho test", "urn:x");
    }

    private static String read(FilesystemReplica replica, String path) throws Exception {
        try (InputStream in = replica.open(LOG, path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Finding> errors(Path root) {
        return new OcflVerifier(true)
                .verify(root).stream().filter(Finding::isError).toList();
    }

    @Test
    void stagesOnlyTheNewVersionAndAppendsItToAReplicaHoldingTheBase() throws Exception {
        appender.append(a, stage(null, "events/2026-11-01.xml", "day 1"));
        appender.append(a, stage(a, "events/2026-11-02.xml", "day 2"));

        StagedVersion third = stage(a, "events/2026-11-03.xml", "day 3");

        try (Stream<Path> staged = Files.walk(third.objectDir())) {
            assertThat(staged.filter(Files::isRegularFile)
                            .map(p -> third.objectDir().relativize(p).toString()))
                    .noneMatch(p -> p.startsWith("v1/") || p.startsWith("v2/"));
        }
        assertThat(third.base()).isEqualTo(2);
        assertThat(third.newFiles())
                .startsWith("v3/content/events/2026-11-03.xml")
                .endsWith("inventory.json", "inventory.json.sha256");

        appender.append(a, third);

        assertThat(a.inventory(LOG).headVersion()).isEqualTo(3);
        assertThat(read(a, "events/2026-11-01.xml")).isEqualTo("day 1");
        assertThat(read(a, "events/2026-11-03.xml")).isEqualTo("day 3");
        assertThat(a.verify(LOG, third.inventory())).isEmpty();
        assertThat(errors(a.root())).isEmpty();
    }

    @Test
    void makesTheStagedVersionAWholeObjectForAReplicaThatLacksIt() throws Exception {
        appender.append(a, stage(null, "events/2026-11-01.xml", "day 1"));
        StagedVersion second = stage(a, "events/2026-11-02.xml", "day 2");
        appender.append(a, second);

        b.put(appender.whole(second, a), true);

        assertThat(b.inventory(LOG).headVersion()).isEqualTo(2);
        assertThat(read(b, "events/2026-11-01.xml")).isEqualTo("day 1");
        assertThat(errors(b.root())).isEmpty();
        Map<String, byte[]> copyA = Staging.tree(a.objectDir(LOG));
        Map<String, byte[]> copyB = Staging.tree(b.objectDir(LOG));
        assertThat(copyB).containsOnlyKeys(copyA.keySet());
        copyA.forEach((path, bytes) -> assertThat(copyB.get(path)).as(path).isEqualTo(bytes));
    }

    @Test
    void aRootInventoryItsSidecarDisagreesWithIsNotTrusted() throws Exception {
        appender.append(a, stage(null, "events/2026-11-01.xml", "day 1"));
        Files.writeString(a.objectDir(LOG).resolve("inventory.json.sha256"), "0".repeat(64) + " inventory.json\n");

        assertThatThrownBy(() -> RootInventory.read(a, LOG))
                .isInstanceOf(StorageFailureException.class)
                .extracting(e -> ((StorageFailureException) e).code())
                .isEqualTo("OCFL_INVENTORY_CORRUPT");
        assertThat(RootInventory.read(b, LOG)).isEmpty();
    }
}
