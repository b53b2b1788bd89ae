package vn.kho.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class S3ReplicaConfigTest {
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");

    @Test
    void endsAKeyPrefixWithASlashAndTakesNoneAsTheBucketsTop() {
        assertThat(S3ReplicaConfig.of(ENDPOINT, "us-east-1", "b", "archive/a", "k", "s")
                        .prefix())
                .isEqualTo("archive/a/");
        assertThat(S3ReplicaConfig.of(ENDPOINT, "us-east-1", "b", "archive/", "k", "s")
                        .prefix())
                .isEqualTo("archive/");
        assertThat(S3ReplicaConfig.of(ENDPOINT, "us-east-1", "b", null, "k", "s")
                        .prefix())
                .isEmpty();
    }

    @Test
    void refusesAPrefixThatIsAbsoluteOrHasEmptySegments() {
        for (String prefix : new String[] {"/archive", "archive//a"}) {
            assertThatThrownBy(() -> S3ReplicaConfig.of(ENDPOINT, "us-east-1", "b", prefix, "k", "s"))
                    .as(prefix)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesMissingSettingsAnEndpointThatIsNotHttpAndPartsBelowTheS3Minimum() {
        assertThatThrownBy(() -> S3ReplicaConfig.of(ENDPOINT, "us-east-1", " ", "", "k", "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket");
        assertThatThrownBy(() -> S3ReplicaConfig.of(ENDPOINT, "us-east-1", "b", "", "k", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> S3ReplicaConfig.of(URI.create("ftp://x/"), "us-east-1", "b", "", "k", "s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3ReplicaConfig.of(ENDPOINT, "us-east-1", "b", "", "k", "s")
                        .withPartSize(S3ReplicaConfig.MIN_PART_SIZE - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverShowsTheSecretKey() {
        assertThat(S3ReplicaConfig.of(ENDPOINT, "us-east-1", "b", "", "k", "very-secret")
                        .toString())
                .contains("accessKey=k")
                .doesNotContain("very-secret");
    }
}
