package vn.kho.preservation.fixity;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kho.preservation.fixity.Archive.METS;
import static vn.kho.preservation.fixity.Archive.PHOTO;
import static vn.kho.preservation.fixity.Archive.SCAN;
import static vn.kho.preservation.fixity.Archive.SCAN_COPY;

import io.ocfl.api.model.ValidationResults;
import io.ocfl.core.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;
import vn.kho.repository.PremisEvent;
import vn.kho.storage.CopyStatus;
import vn.kho.storage.Staging;
import vn.kho.storage.ocfl.FilesystemReplica;
import vn.kho.storage.ocfl.OcflObjectBuilder;

/**
 * One test per fault, each injected on disk into one replica's copy of a real package: detected with the right
 * classification, repaired from a verified copy (or the package marked DAMAGED), and found whole by the next audit.
 */
class FixityAuditTest {
    @TempDir
    Path tmp;

    private Archive archive;

    @AfterEach
    void close() {
        if (archive != null) {
            archive.close();
        }
    }

    private Archive archive(String... replicaIds) {
        archive = new Archive(tmp, replicaIds);
        return archive;
    }

    @Test
    void findsEveryCopyOfAFreshPackageOkReadingEachContentFileOnceAndLeavesOneCompactEvent() throws Exception {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();

        AuditReport report = archive.audit.audit(id);

        assertThat(report.check().allOk()).isTrue();
        assertThat(report.check().counts()).isEqualTo(Map.of(Classification.OK, 2 + 2 * 5));
        assertThat(report.repair().repairs()).isEmpty();
        assertThat(report.state()).isEqualTo(PackageState.ACTIVE);
        assertThat(report.incident()).isEmpty();
        ReplicaCheck a = report.check().replica("a").orElseThrow();
        // the scan's content backs two logical paths: read once, for the first of them
        assertThat(a.files())
                .filteredOn(r -> r.logicalPath().equals(SCAN_COPY))
                .singleElement()
                .satisfies(r -> assertThat(r.bytesRead()).isZero());
        long contentBytes = 0;
        for (String path : archive.replica("a").inventory(id).files().values().stream()
                .map(f -> f.contentPath())
                .distinct()
                .toList()) {
            contentBytes += Files.size(archive.objectFile("a", id, path));
        }
        assertThat(a.files().stream().mapToLong(CopyResult::bytesRead).sum()).isEqualTo(contentBytes);
        assertThat(report.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("fixity check");
            assertThat(e.outcome()).isEqualTo("success");
            assertThat(e.object()).isEqualTo(id.urn());
            assertThat(e.agent()).isEqualTo("Kho test");
            assertThat(e.detail()).contains("5 files, 10 file copies (10 OK), inventories (2 OK), 0 stray files");
        });
    }

    @Test
    void aFlippedBitIsAMismatchNamingBothDigestsAndIsRepairedFromTheOtherReplica() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        Path photo = archive.file("a", id, PHOTO);
        byte[] good = Archive.read(photo);
        Faults.flipBit(photo);
        String flipped = Staging.sha256(Archive.read(photo));

        AuditReport report = archive.audit.audit(id);

        assertThat(report.check().bad()).singleElement().satisfies(r -> {
            assertThat(r.classification()).isEqualTo(Classification.MISMATCH);
            assertThat(r.replicaId()).isEqualTo("a");
            assertThat(r.logicalPath()).isEqualTo(PHOTO);
            assertThat(r.objectPath()).isEqualTo("v1/content/" + PHOTO);
            assertThat(r.storagePath()).isEqualTo(archive.replica("a").storagePath(id, "v1/content/" + PHOTO));
            assertThat(r.expectedSha256()).isEqualTo(Staging.sha256(good));
            assertThat(r.actualSha256()).isEqualTo(flipped);
            assertThat(r.bytesRead()).isEqualTo(good.length);
            assertThat(r.detail()).contains(Staging.sha256(good), flipped);
        });
        assertThat(report.repair().repairs()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RepairKind.FILE);
            assertThat(r.replicaId()).isEqualTo("a");
            assertThat(r.sourceReplicaId()).isEqualTo("b");
            assertThat(r.logicalPaths()).containsExactly(PHOTO);
            assertThat(r.repaired()).isTrue();
        });
        assertThat(Archive.read(photo)).isEqualTo(good);
        assertThat(report.events())
                .extracting(PremisEvent::type, PremisEvent::outcome, PremisEvent::object)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fixity check", "failure", id.urn()),
                        org.assertj.core.groups.Tuple.tuple("fixity check", "failure", PHOTO),
                        org.assertj.core.groups.Tuple.tuple("replication", "success", "v1/content/" + PHOTO));
        assertThat(report.events().get(0).detail())
                .contains("10 file copies (9 OK, 1 MISMATCH)", "1 repairs done, 0 failed; package ACTIVE");
        assertThat(report.events().get(2).detail())
                .contains("repair of " + PHOTO, "on replica a from replica b", "read again: OK", id.urn());
        assertNextAuditFindsAllWell(archive, id);
    }

    @Test
    void aTruncatedFileIsAMismatchOfEveryPathItBacksAndIsRepairedOnce() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        Path scan = archive.file("b", id, SCAN);
        byte[] good = Archive.read(scan);
        Faults.truncate(scan);

        AuditReport report = archive.audit.audit(id);

        assertThat(report.check().bad())
                .extracting(CopyResult::replicaId, CopyResult::logicalPath, CopyResult::classification)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("b", SCAN, Classification.MISMATCH),
                        org.assertj.core.groups.Tuple.tuple("b", SCAN_COPY, Classification.MISMATCH));
        assertThat(report.check().bad().get(0).detail())
                .contains("(" + good.length / 2 + " bytes)", "(" + good.length + " bytes)");
        assertThat(report.repair().repairs()).singleElement().satisfies(r -> {
            assertThat(r.logicalPaths()).containsExactly(SCAN, SCAN_COPY);
            assertThat(r.sourceReplicaId()).isEqualTo("a");
            assertThat(r.repaired()).isTrue();
        });
        assertThat(Archive.read(scan)).isEqualTo(good);
        assertNextAuditFindsAllWell(archive, id);
    }

    @Test
    void aDeletedFileIsMissingAndIsRepaired() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        Path mets = archive.file("a", id, METS);
        byte[] good = Archive.read(mets);
        Faults.delete(mets);

        AuditReport report = archive.audit.audit(id);

        assertThat(report.check().bad()).singleElement().satisfies(r -> {
            assertThat(r.classification()).isEqualTo(Classification.MISSING);
            assertThat(r.logicalPath()).isEqualTo(METS);
            assertThat(r.actualSha256()).isNull();
            assertThat(r.detail()).contains("is missing");
        });
        assertThat(report.repair().repairs()).singleElement().satisfies(r -> assertThat(r.repaired())
                .isTrue());
        assertThat(Archive.read(mets)).isEqualTo(good);
        assertNextAuditFindsAllWell(archive, id);
    }

    @Test
    void aDeletedInventoryIsInventoryCorruptItsFilesAreStillCheckedAndItIsRestoredFromTheOtherReplica() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        Path inventory = archive.objectFile("b", id, "inventory.json");
        byte[] good = Archive.read(inventory);
        Faults.delete(inventory);

        AuditReport report = archive.audit.audit(id);

        ReplicaCheck b = report.check().replica("b").orElseThrow();
        assertThat(b.inventory().result().classification()).isEqualTo(Classification.INVENTORY_CORRUPT);
        assertThat(b.inventory().result().detail()).contains("inventory.json is missing");
        assertThat(b.files()).allMatch(CopyResult::isOk); // located by the version directory's copy of the inventory
        assertThat(b.extras()).isEmpty();
        assertThat(report.check().bad()).hasSize(1);
        assertThat(report.repair().repairs()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RepairKind.INVENTORY);
            assertThat(r.sourceReplicaId()).isEqualTo("a");
            assertThat(r.repaired()).isTrue();
        });
        assertThat(Archive.read(inventory)).isEqualTo(good);
        assertNextAuditFindsAllWell(archive, id);
    }

    @Test
    void aCorruptedSidecarIsInventoryCorruptNamingBothDigestsAndIsRestored() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        Path sidecar = archive.objectFile("a", id, "inventory.json.sha256");
        byte[] good = Archive.read(sidecar);
        String wrong = "0123456789abcdef".repeat(4);
        Faults.write(sidecar, (wrong + "  inventory.json\n").getBytes(StandardCharsets.UTF_8));
        String actual = Staging.sha256(Archive.read(archive.objectFile("a", id, "inventory.json")));

        AuditReport report = archive.audit.audit(id);

        assertThat(report.check().bad()).singleElement().satisfies(r -> {
            assertThat(r.classification()).isEqualTo(Classification.INVENTORY_CORRUPT);
            assertThat(r.replicaId()).isEqualTo("a");
            assertThat(r.objectPath()).isEqualTo("inventory.json");
            assertThat(r.expectedSha256()).isEqualTo(wrong);
            assertThat(r.actualSha256()).isEqualTo(actual);
            assertThat(r.detail())
                    .isEqualTo("inventory.json has sha256 " + actual + " but inventory.json.sha256 states " + wrong);
        });
        assertThat(report.repair().repairs()).singleElement().satisfies(r -> assertThat(r.repaired())
                .isTrue());
        assertThat(Archive.read(sidecar)).isEqualTo(good);
        assertNextAuditFindsAllWell(archive, id);
    }

    @Test
    void anInventoryThatIsNotJsonIsInventoryCorruptEvenWhenItsSidecarAgrees() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        byte[] garbage = "{\"id\": \"urn:uuid:".getBytes(StandardCharsets.UTF_8);
        Faults.write(archive.objectFile("a", id, "inventory.json"), garbage);
        Faults.write(
                archive.objectFile("a", id, "inventory.json.sha256"),
                (Staging.sha256(garbage) + "  inventory.json\n").getBytes(StandardCharsets.UTF_8));

        AuditReport report = archive.audit.audit(id);

        assertThat(report.check().bad()).singleElement().satisfies(r -> {
            assertThat(r.classification()).isEqualTo(Classification.INVENTORY_CORRUPT);
            assertThat(r.detail()).contains("not a valid Kho OCFL inventory");
        });
        assertThat(report.repair().repairs()).singleElement().satisfies(r -> assertThat(r.repaired())
                .isTrue());
        assertNextAuditFindsAllWell(archive, id);
    }

    @Test
    void aValidInventoryThatDisagreesWithTheIndexIsInventoryCorruptNamingEachDisagreement() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        installForeignInventory(archive, id, "a");
        String metsSha256 = archive.index.file(id, METS).orElseThrow().file().sha256();

        AuditReport report = archive.audit.audit(id);

        assertThat(report.check().bad()).singleElement().satisfies(r -> {
            assertThat(r.classification()).isEqualTo(Classification.INVENTORY_CORRUPT);
            assertThat(r.detail())
                    .contains("disagrees with the index about v1")
                    .contains("for METS.xml, the index " + metsSha256)
                    .contains("it states no file " + PHOTO + " that the index has")
                    .contains("v1/inventory.json differs from the root inventory.json");
        });
        // the files are located by the trusted inventory of replica b, and are all there
        assertThat(report.check().replica("a").orElseThrow().files()).allMatch(CopyResult::isOk);
        assertThat(report.repair().repairs()).singleElement().satisfies(r -> assertThat(r.repaired())
                .isTrue());
        assertNextAuditFindsAllWell(archive, id);
    }

    @Test
    void strayFilesAreExtraOnRecordByDigestAndAreRemoved() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        byte[] notes = "ghi chú".getBytes(StandardCharsets.UTF_8);
        Faults.write(archive.objectFile("a", id, "v1/content/representations/rep1/data/notes.txt"), notes);
        Faults.write(archive.objectFile("a", id, "v1/leftover.tmp"), new byte[0]);
        Faults.write(archive.objectFile("a", id, "extensions/unknown/config.json"), "{}".getBytes());

        AuditReport report = archive.audit.audit(id);

        assertThat(report.check().bad())
                .extracting(CopyResult::classification, CopyResult::objectPath, CopyResult::actualSha256)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Classification.EXTRA,
                                "extensions/unknown/config.json",
                                Staging.sha256("{}".getBytes())),
                        org.assertj.core.groups.Tuple.tuple(
                                Classification.EXTRA,
                                "v1/content/representations/rep1/data/notes.txt",
                                Staging.sha256(notes)),
                        org.assertj.core.groups.Tuple.tuple(
                                Classification.EXTRA, "v1/leftover.tmp", Staging.sha256(new byte[0])));
        assertThat(report.check().bad().get(1).detail()).contains(notes.length + " bytes");
        assertThat(report.repair().repairs())
                .allSatisfy(r -> {
                    assertThat(r.kind()).isEqualTo(RepairKind.EXTRA_REMOVED);
                    assertThat(r.repaired()).isTrue();
                })
                .hasSize(3);
        assertThat(report.events())
                .filteredOn(e -> e.type().equals("deletion"))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.detail()).contains("sha256"));
        assertThat(archive.objectFile("a", id, "extensions")).doesNotExist();
        assertNextAuditFindsAllWell(archive, id);
    }

    @Test
    void anUnreadableFileIsUnreadableNamingTheErrorAndIsRepaired() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        Path photo = archive.file("b", id, PHOTO);
        byte[] good = Archive.read(photo);
        String how = Faults.makeUnreadable(photo);

        AuditReport report = archive.audit.audit(id);

        assertThat(report.check().bad()).as(how).singleElement().satisfies(r -> {
            assertThat(r.classification()).isEqualTo(Classification.UNREADABLE);
            assertThat(r.replicaId()).isEqualTo("b");
            assertThat(r.logicalPath()).isEqualTo(PHOTO);
            assertThat(r.detail()).contains("cannot be read", "Exception");
        });
        assertThat(report.repair().repairs()).singleElement().satisfies(r -> assertThat(r.repaired())
                .isTrue());
        assertThat(photo).isRegularFile();
        assertThat(Archive.read(photo)).isEqualTo(good);
        assertNextAuditFindsAllWell(archive, id);
    }

    @Test
    void theSameFileBadOnEveryReplicaMarksThePackageDamagedWithAnIncidentAndCopiesNoBadBytes() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        Path onA = archive.file("a", id, METS);
        Path onB = archive.file("b", id, METS);
        byte[] good = Archive.read(onA);
        Faults.flipBit(onA);
        Faults.truncate(onB);
        byte[] badA = Archive.read(onA);
        byte[] badB = Archive.read(onB);
        Instant before = Instant.now();

        AuditReport report = archive.audit.audit(id);

        assertThat(report.check().bad())
                .extracting(CopyResult::replicaId, CopyResult::classification)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", Classification.MISMATCH),
                        org.assertj.core.groups.Tuple.tuple("b", Classification.MISMATCH));
        assertThat(report.repair().repairs())
                .extracting(Repair::replicaId, Repair::repaired, Repair::sourceReplicaId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", false, null),
                        org.assertj.core.groups.Tuple.tuple("b", false, null));
        assertThat(report.repair().repairs().get(0).detail()).contains("no other replica holds a copy that verifies");
        assertThat(Archive.read(onA)).isEqualTo(badA);
        assertThat(Archive.read(onB)).isEqualTo(badB);
        assertThat(report.state()).isEqualTo(PackageState.DAMAGED);
        assertThat(report.repair().damaged()).containsExactly(METS);
        assertThat(archive.index.get(id).orElseThrow().state()).isEqualTo(PackageState.DAMAGED);
        assertThat(report.incident()).hasValueSatisfying(incident -> {
            assertThat(incident.packageId()).isEqualTo(id);
            assertThat(incident.state()).isEqualTo(IncidentState.OPEN);
            assertThat(incident.detected()).isAfterOrEqualTo(before);
            assertThat(incident.what()).contains(id.urn(), "DAMAGED", METS);
            assertThat(incident.where())
                    .containsExactly(
                            "replica a: " + archive.replica("a").storagePath(id, "v1/content/" + METS) + " (MISMATCH)",
                            "replica b: " + archive.replica("b").storagePath(id, "v1/content/" + METS) + " (MISMATCH)");
            assertThat(incident.cause()).contains(Staging.sha256(badA), Staging.sha256(badB), Staging.sha256(good));
            assertThat(incident.remedy()).contains("audit the package again");
        });
        assertThat(report.events().get(0).outcome()).isEqualTo("failure");
        assertThat(report.events().get(0).detail()).contains("package DAMAGED, no good copy of " + METS);

        // someone puts the original back on one replica: the next audit repairs the other and the package is ACTIVE
        Faults.write(onB, good);
        AuditReport after = archive.audit.audit(id);
        assertThat(after.repair().repairs()).singleElement().satisfies(r -> {
            assertThat(r.replicaId()).isEqualTo("a");
            assertThat(r.sourceReplicaId()).isEqualTo("b");
            assertThat(r.repaired()).isTrue();
        });
        assertThat(after.state()).isEqualTo(PackageState.ACTIVE);
        assertThat(archive.index.get(id).orElseThrow().state()).isEqualTo(PackageState.ACTIVE);
        assertNextAuditFindsAllWell(archive, id);
    }

    @Test
    void aRepairNeverCopiesFromAReplicaWhoseCopyIsAlsoBad() {
        Archive archive = archive("a", "b", "c");
        PackageId id = archive.store();
        byte[] good = Archive.read(archive.file("c", id, PHOTO));
        Faults.flipBit(archive.file("a", id, PHOTO));
        Faults.truncate(archive.file("b", id, PHOTO));

        AuditReport report = archive.audit.audit(id);

        assertThat(report.repair().repairs())
                .extracting(Repair::replicaId, Repair::sourceReplicaId, Repair::repaired)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", "c", true),
                        org.assertj.core.groups.Tuple.tuple("b", "c", true));
        for (String replica : List.of("a", "b", "c")) {
            assertThat(Archive.read(archive.file(replica, id, PHOTO)))
                    .as(replica)
                    .isEqualTo(good);
        }
        assertNextAuditFindsAllWell(archive, id);
    }

    @Test
    void aSourceThatWentBadSinceTheCheckIsPassedOverAndNoUnverifiedByteIsWritten() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        Faults.flipBit(archive.file("a", id, PHOTO));
        byte[] badA = Archive.read(archive.file("a", id, PHOTO));
        PackageCheck check = archive.audit.check(id);
        // between the check and the repair, the only good copy goes bad too
        Faults.truncate(archive.file("b", id, PHOTO));

        RepairOutcome outcome = new PackageRepair(
                        List.copyOf(archive.replicas.values()), archive.index, tmp.resolve("w"), Clock.systemUTC())
                .repair(check);

        assertThat(outcome.repairs()).singleElement().satisfies(r -> {
            assertThat(r.repaired()).isFalse();
            assertThat(r.detail()).contains("replica b's copy no longer verifies", "FIXITY_WRITE_MISMATCH");
        });
        assertThat(Archive.read(archive.file("a", id, PHOTO))).isEqualTo(badA);
        assertThat(copy(archive, id, PHOTO, "b").outcome()).isEqualTo("MISMATCH");
        assertThat(outcome.state()).isEqualTo(PackageState.DAMAGED);
        assertThat(outcome.damaged()).containsExactly(PHOTO);
    }

    @Test
    void theIndexRecordsTheOutcomeOfEveryCopyCheckedAndOfEveryRepair() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        Faults.flipBit(archive.file("a", id, PHOTO));
        Instant start = Instant.now();

        archive.audit.check(id);

        assertThat(copy(archive, id, PHOTO, "a").outcome()).isEqualTo("MISMATCH");
        assertThat(copy(archive, id, PHOTO, "b").outcome()).isEqualTo("OK");
        for (var file : archive.index.files(id)) {
            assertThat(file.copies()).as(file.file().path()).allSatisfy(c -> assertThat(c.lastVerified())
                    .isAfterOrEqualTo(start));
        }
        Instant checked = copy(archive, id, PHOTO, "a").lastVerified();

        archive.audit.audit(id);

        CopyStatus repaired = copy(archive, id, PHOTO, "a");
        assertThat(repaired.outcome()).isEqualTo("OK");
        assertThat(repaired.lastVerified()).isAfter(checked);
        assertThat(repaired.storagePath()).isEqualTo(archive.replica("a").storagePath(id, "v1/content/" + PHOTO));
    }

    @Test
    void aReplicaHoldingNoneOfTheObjectGetsAWholeCopyThroughItsAtomicPut() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        archive.replica("a").delete(id);

        AuditReport report = archive.audit.audit(id);

        ReplicaCheck a = report.check().replica("a").orElseThrow();
        assertThat(a.objectPresent()).isFalse();
        assertThat(a.inventory().result().classification()).isEqualTo(Classification.MISSING);
        assertThat(a.files()).hasSize(5).allMatch(r -> r.classification() == Classification.MISSING);
        assertThat(report.repair().repairs()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RepairKind.OBJECT);
            assertThat(r.sourceReplicaId()).isEqualTo("b");
            assertThat(r.repaired()).isTrue();
        });
        assertThat(Staging.tree(archive.replica("a").objectDir(id)))
                .containsOnlyKeys(
                        Staging.tree(archive.replica("b").objectDir(id)).keySet());
        assertThat(tmp.resolve("audit-work")).isEmptyDirectory();
        assertNextAuditFindsAllWell(archive, id);
    }

    @Test
    void withNoTrustedInventoryOnAnyReplicaNothingIsWrittenOrRemovedAndThePackageIsDamaged() {
        Archive archive = archive("a", "b");
        PackageId id = archive.store();
        installForeignInventory(archive, id, "a");
        installForeignInventory(archive, id, "b");
        Map<String, byte[]> before = Staging.tree(archive.replica("a").objectDir(id));

        AuditReport report = archive.audit.audit(id);

        assertThat(report.check().reference()).isNull();
        for (ReplicaCheck replica : report.check().replicas()) {
            assertThat(replica.inventory().result().classification()).isEqualTo(Classification.INVENTORY_CORRUPT);
            // the foreign inventory knows METS.xml only: the other files are not located, and not called strays
            assertThat(replica.files())
                    .filteredOn(r -> !r.isOk())
                    .hasSize(4)
                    .allMatch(r -> r.classification() == Classification.MISSING && r.objectPath() == null);
            assertThat(replica.extras()).isEmpty();
        }
        assertThat(report.repair().repairs())
                .extracting(Repair::kind, Repair::repaired)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RepairKind.INVENTORY, false),
                        org.assertj.core.groups.Tuple.tuple(RepairKind.INVENTORY, false));
        assertThat(Staging.tree(archive.replica("a").objectDir(id))).containsOnlyKeys(before.keySet());
        assertThat(report.state()).isEqualTo(PackageState.DAMAGED);
        assertThat(report.repair().damaged()).startsWith("inventory.json");
        assertThat(report.incident())
                .hasValueSatisfying(i -> assertThat(i.remedy()).contains("rebuild it"));
    }

    /**
     * Replaces a replica's root inventory and sidecar with those of another valid object of the same id, holding
     * only another METS.xml: valid OCFL, agreeing with its sidecar, disagreeing with the index.
     */
    private void installForeignInventory(Archive archive, PackageId id, String replicaId) {
        Path staging = tmp.resolve("foreign-" + replicaId);
        try (OcflObjectBuilder other =
                new OcflObjectBuilder(staging, tmp.resolve("foreign-work-" + replicaId), false)) {
            Path dir = other.build(
                            id,
                            List.of(Staging.stage(tmp.resolve("foreign-in"), METS, "<mets OBJID='other'/>")),
                            "Ingest",
                            "Kho",
                            null)
                    .objectDir();
            for (String name : List.of("inventory.json", "inventory.json.sha256")) {
                Faults.write(archive.objectFile(replicaId, id, name), Archive.read(dir.resolve(name)));
            }
        }
    }

    private static CopyStatus copy(Archive archive, PackageId id, String path, String replicaId) {
        return archive.index.file(id, path).orElseThrow().copies().stream()
                .filter(c -> c.replicaId().equals(replicaId))
                .findFirst()
                .orElseThrow();
    }

    /** The next audit finds every copy whole, repairs nothing, and ocfl-java finds every copy a valid object. */
    private static void assertNextAuditFindsAllWell(Archive archive, PackageId id) {
        AuditReport again = archive.audit.audit(id);
        assertThat(again.check().bad()).isEmpty();
        assertThat(again.check().allOk()).isTrue();
        assertThat(again.repair().repairs()).isEmpty();
        assertThat(again.state()).isEqualTo(PackageState.ACTIVE);
        assertThat(again.events()).singleElement().satisfies(e -> assertThat(e.outcome())
                .isEqualTo("success"));
        for (FilesystemReplica replica : archive.replicas.values()) {
            ValidationResults results = Validator.validateObject(replica.objectDir(id), true);
            assertThat(results.getErrors()).as(replica.id()).isEmpty();
            assertThat(archive.index.files(id)).allSatisfy(f -> assertThat(
                            copy(archive, id, f.file().path(), replica.id()).outcome())
                    .isEqualTo("OK"));
        }
    }
}
