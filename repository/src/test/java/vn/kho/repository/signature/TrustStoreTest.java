package vn.kho.repository.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {
    private final TestPki pki = TestPki.shared();

    @Test
    void loadsTheRootAsAnchorAndTheCrlsFromPemAndDer(@TempDir Path dir) {
        TrustStore store = TrustStore.load(pki.writeTrustFolder(dir));

        assertThat(store.anchors()).containsExactly(pki.root().certificate());
        assertThat(store.intermediates()).isEmpty();
        assertThat(store.crls()).containsExactlyInAnyOrder(pki.rootCrl(), pki.intermediateCrl());
    }

    @Test
    void verifiesWithALoadedFolderAsWithTheSameStoreBuiltInMemory(@TempDir Path dir) {
        CmsVerifier verifier =
                new CmsVerifier(TrustStore.load(pki.writeTrustFolder(dir)), VerificationPolicy.defaults());
        byte[] content = "bag".getBytes(StandardCharsets.US_ASCII);

        CmsVerification v = verifier.verifyDetached(
                        pki.signDetached(pki.agency(), content), ContentSource.of(content), pki.now())
                .get(0);

        assertThat(v.outcome()).isEqualTo(SignatureOutcome.VALID);
    }

    @Test
    void takesSeveralCertificatesAndACrlFromOnePemFileAndDerCertificates(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("bundle.pem"),
                pki.root().certificatePem()
                        + pki.untrustedRoot().certificatePem()
                        + TestPki.pem("X509 CRL", pki.rootCrl().getEncoded()));
        Files.write(
                dir.resolve("intermediate.cer"),
                pki.intermediate().certificate().getEncoded());
        Files.write(dir.resolve("tsa.der"), pki.tsa().certificate().getEncoded());

        TrustStore store = TrustStore.load(dir);

        assertThat(store.anchors())
                .containsExactly(pki.root().certificate(), pki.untrustedRoot().certificate());
        assertThat(store.intermediates())
                .containsExactlyInAnyOrder(
                        pki.intermediate().certificate(), pki.tsa().certificate());
        assertThat(store.crls()).containsExactly(pki.rootCrl());
    }

    @Test
    void anEmptyFolderTrustsNothing(@TempDir Path dir) {
        TrustStore store = TrustStore.load(dir);

        assertThat(store.anchors()).isEmpty();
        assertThat(store.crls()).isEmpty();
    }

    @Test
    void skipsHiddenFilesAndSubfolders(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".gitkeep"), "");
        Files.createDirectory(dir.resolve("old"));
        Files.writeString(dir.resolve("old").resolve("README.md"), "retired roots");

        assertThat(TrustStore.load(dir).anchors()).isEmpty();
    }

    @Test
    void refusesAFileThatIsNoCertificateNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("root.pem"), pki.root().certificatePem());
        Path bad = Files.writeString(dir.resolve("broken.crt"), "not a certificate");

        assertThatThrownBy(() -> TrustStore.load(dir))
                .isInstanceOf(TrustStoreException.class)
                .hasMessageContaining(bad.toString())
                .extracting(e -> ((TrustStoreException) e).code())
                .isEqualTo("TRUST_STORE_INVALID");
    }

    @Test
    void refusesAPemFileWithAPrivateKey(@TempDir Path dir) throws IOException {
        Path key = Files.writeString(dir.resolve("agency.pem"), pki.agency().privateKeyPem());

        assertThatThrownBy(() -> TrustStore.load(dir))
                .isInstanceOf(TrustStoreException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("neither a certificate nor a CRL");
    }

    @Test
    void refusesFilesOfOtherKinds(@TempDir Path dir) throws IOException {
        Path readme = Files.writeString(dir.resolve("README.md"), "our roots");

        assertThatThrownBy(() -> TrustStore.load(dir))
                .isInstanceOf(TrustStoreException.class)
                .hasMessageContaining(readme.toString())
                .hasMessageContaining(".crl");
    }

    @Test
    void refusesAFolderThatDoesNotExist(@TempDir Path dir) {
        assertThatThrownBy(() -> TrustStore.load(dir.resolve("missing")))
                .isInstanceOf(TrustStoreException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void ofKeepsWhatItIsGiven() {
        TrustStore store = TrustStore.of(
                List.of(pki.root().certificate()), List.of(pki.intermediate().certificate()), List.of(pki.rootCrl()));

        assertThat(store.isAnchor(pki.root().certificate())).isTrue();
        assertThat(store.isAnchor(pki.intermediate().certificate())).isFalse();
        assertThat(store.intermediates()).containsExactly(pki.intermediate().certificate());
        assertThat(store.crls()).containsExactly(pki.rootCrl());
    }
}
