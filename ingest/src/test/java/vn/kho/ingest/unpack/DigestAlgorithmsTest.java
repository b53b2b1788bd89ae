package vn.kho.ingest.unpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestAlgorithmsTest {
    @Test
    void mapsBagitNamesToJavaDigestNames() {
        assertThat(DigestAlgorithms.javaName("md5")).isEqualTo("MD5");
        assertThat(DigestAlgorithms.javaName("sha1")).isEqualTo("SHA-1");
        assertThat(DigestAlgorithms.javaName("sha224")).isEqualTo("SHA-224");
        assertThat(DigestAlgorithms.javaName("sha256")).isEqualTo("SHA-256");
        assertThat(DigestAlgorithms.javaName("sha384")).isEqualTo("SHA-384");
        assertThat(DigestAlgorithms.javaName("sha512")).isEqualTo("SHA-512");
        assertThat(DigestAlgorithms.names())
                .containsExactlyInAnyOrder("md5", "sha1", "sha224", "sha256", "sha384", "sha512");
    }

    @Test
    void refusesNamesThatAreNotBagitAlgorithmNames() {
        assertThat(DigestAlgorithms.isSupported("SHA-256")).isFalse();
        assertThat(DigestAlgorithms.isSupported("sha3-256")).isFalse();
        assertThat(DigestAlgorithms.isSupported(null)).isFalse();
        assertThatThrownBy(() -> DigestAlgorithms.javaName("crc32")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createsAFreshDigestEachTime() {
        assertThat(DigestAlgorithms.newDigest("sha512")).isNotSameAs(DigestAlgorithms.newDigest("sha512"));
        assertThat(DigestAlgorithms.newDigest("sha512").getDigestLength()).isEqualTo(64);
    }
}
