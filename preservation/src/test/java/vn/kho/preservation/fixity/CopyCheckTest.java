package vn.kho.preservation.fixity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.PackageId;
import vn.kho.storage.InventoryDocument;
import vn.kho.storage.ocfl.OcflInventoryParser;

/** The check of one copy alone: what it can tell without, and with, a trusted inventory from another replica. */
class CopyCheckTest {
    @TempDir
    Path tmp;

    private Archive archive;

    @AfterEach
    void close() {
        archive.close();
    }

    @Test
    void withEveryInventoryOfTheCopyGoneItsFilesAreMissingUntilAnotherReplicasInventoryLocatesThem() {
        archive = new Archive(tmp, "a", "b");
        PackageId id = archive.store();
        Faults.delete(archive.objectFile("a", id, "inventory.json"));
        Faults.delete(archive.objectFile("a", id, "v1/inventory.json"));
        CopyCheck check = new CopyCheck(Clock.systemUTC());

        ReplicaCheck alone = check.check(archive.replica("a"), id, archive.index.files(id), null);

        assertThat(alone.objectPresent()).isTrue();
        assertThat(alone.inventory().result().classification()).isEqualTo(Classification.INVENTORY_CORRUPT);
        assertThat(alone.inventory().result().detail()).isEqualTo("inventory.json is missing");
        assertThat(alone.files()).hasSize(5).allSatisfy(r -> {
            assertThat(r.classification()).isEqualTo(Classification.MISSING);
            assertThat(r.objectPath()).isNull();
            assertThat(r.detail()).contains("no inventory of replica a or of another replica locates");
        });
        assertThat(alone.extras()).isEmpty(); // nothing says what belongs, so nothing is called a stray
        assertThat(alone.layout()).isNull();

        InventoryDocument reference =
                OcflInventoryParser.parse(Archive.read(archive.objectFile("b", id, "inventory.json")), id.urn());
        ReplicaCheck helped = check.check(archive.replica("a"), id, archive.index.files(id), reference);

        assertThat(helped.files()).hasSize(5).allMatch(CopyResult::isOk);
        assertThat(helped.extras()).isEmpty();
        assertThat(helped.layout()).isEqualTo(reference);
        assertThat(helped.whole()).isFalse();
    }
}
