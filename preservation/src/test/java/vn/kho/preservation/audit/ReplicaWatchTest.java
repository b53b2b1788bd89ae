package vn.kho.preservation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.preservation.fixity.Archive;
import vn.kho.storage.Replica;

class ReplicaWatchTest {
    @TempDir
    Path tmp;

    @Test
    void saysOnceWhenAReplicaThatWasDownIsUpAgainAndNothingForOneThatStayedUp() throws Exception {
        try (Archive archive = new Archive(tmp, "a", "b")) {
            List<Replica> replicas = new ArrayList<>(archive.replicas.values());
            List<String> back = new ArrayList<>();
            ReplicaWatch watch = new ReplicaWatch(replicas, back::add, Duration.ofMinutes(1));
            Path namaste = archive.replicas.get("b").root().resolve("0=ocfl_1.1");
            Path aside = tmp.resolve("namaste-aside");

            watch.pollOnce(); // both up: learnt, nothing said
            Files.move(namaste, aside); // replica b is no longer an OCFL storage root: down
            watch.pollOnce();
            watch.pollOnce();
            Files.move(aside, namaste); // back
            watch.pollOnce();
            watch.pollOnce();

            assertThat(back).containsExactly("b");
        }
    }

    @Test
    void aReplicaDownAtTheFirstLookIsReportedWhenItComesUp() throws Exception {
        try (Archive archive = new Archive(tmp, "a")) {
            List<String> back = new ArrayList<>();
            ReplicaWatch watch =
                    new ReplicaWatch(List.copyOf(archive.replicas.values()), back::add, Duration.ofMinutes(1));
            Path namaste = archive.replicas.get("a").root().resolve("0=ocfl_1.1");
            Path aside = tmp.resolve("namaste-aside");
            Files.move(namaste, aside);

            watch.pollOnce();
            assertThat(back).isEmpty();
            Files.move(aside, namaste);
            watch.pollOnce();

            assertThat(back).containsExactly("a");
        }
    }
}
