package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.api.config.ConfigLoader;
import vn.kho.api.config.KhoConfig;
import vn.kho.repository.signature.ArchiveSigner;
import vn.kho.repository.signature.SigningKeyException;

class ArchiveKeysTest {
    @TempDir
    Path dir;

    private KhoConfig.Signatures config(Map<String, String> env) {
        return new ConfigLoader()
                .set("data", dir.toString())
                .environment(env)
                .load()
                .signatures();
    }

    @Test
    void theDefaultKeyIsCreatedAtFirstStartWithAnOwnerOnlyPasswordAndKeptAfterwards() throws Exception {
        ArchiveSigner first = ArchiveKeys.open(config(Map.of()), Clock.systemUTC());
        ArchiveSigner again = ArchiveKeys.open(config(Map.of()), Clock.systemUTC());

        Path password = dir.resolve("keys").resolve(ArchiveKeys.PASSWORD_FILE);
        assertThat(Files.getPosixFilePermissions(password))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys/archive.p12")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(again.certificate()).isEqualTo(first.certificate());
        assertThat(first.certificate().getSubjectX500Principal().getName()).contains("Kho archive signing key");
    }

    @Test
    void aKeyWhosePasswordIsLostStopsTheStartAndAWrongPasswordIsNamed() throws Exception {
        ArchiveKeys.open(config(Map.of()), Clock.systemUTC());
        Files.delete(dir.resolve("keys").resolve(ArchiveKeys.PASSWORD_FILE));

        assertThatThrownBy(() -> ArchiveKeys.open(config(Map.of()), Clock.systemUTC()))
                .hasMessageContaining("KHO_KEY_PASSWORD");
        assertThatThrownBy(() -> ArchiveKeys.open(config(Map.of("KHO_KEY_PASSWORD", "wrong")), Clock.systemUTC()))
                .isInstanceOf(SigningKeyException.class);
    }

    @Test
    void aPasswordFromTheEnvironmentCreatesTheKeyWithoutAPasswordFile() {
        assertThatThrownBy(() -> config(Map.of("KHO_KEY_PASSWORD", "mật khẩu"))).hasMessageContaining("ASCII");
        ArchiveSigner key = ArchiveKeys.open(config(Map.of("KHO_KEY_PASSWORD", "mat-khau")), Clock.systemUTC());

        assertThat(Files.exists(dir.resolve("keys").resolve(ArchiveKeys.PASSWORD_FILE)))
                .isFalse();
        assertThat(ArchiveKeys.open(config(Map.of("KHO_KEY_PASSWORD", "mat-khau")), Clock.systemUTC())
                        .certificate())
                .isEqualTo(key.certificate());
    }
}
