package vn.kho.storage.fedora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The settings of a Fedora replica and the paths it writes, checked without a Fedora. */
class FedoraReplicaConfigTest {
    private static final URI REST = URI.create("https://fedora.example.vn/fcrepo/rest");

    @Test
    void addsTheFinalSlashAndDropsTheContainersOuterSlashes() {
        FedoraReplicaConfig config = new FedoraReplicaConfig(REST, "fedoraAdmin", "secret", "/kho/a/");

        assertThat(config.baseUrl()).hasToString("https://fedora.example.vn/fcrepo/rest/");
        assertThat(config.container()).isEqualTo("kho/a");
        assertThat(config.containerUrl()).hasToString("https://fedora.example.vn/fcrepo/rest/kho/a/");
        assertThat(new FedoraReplicaConfig(REST, "u", "p", null).containerUrl()).isEqualTo(config.baseUrl());
    }

    @Test
    void neverShowsThePassword() {
        assertThat(new FedoraReplicaConfig(REST, "fedoraAdmin", "s3cret-value", "kho").toString())
                .doesNotContain("s3cret-value")
                .contains("fedoraAdmin");
    }

    @Test
    void refusesSettingsThatCannotNameAContainerOnAFedora() {
        assertThatThrownBy(() -> new FedoraReplicaConfig(URI.create("ftp://h/rest/"), "u", "p", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FedoraReplicaConfig(URI.create("/fcrepo/rest/"), "u", "p", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FedoraReplicaConfig(URI.create("http://h/rest/?x=1"), "u", "p", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FedoraReplicaConfig(REST, " ", "p", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FedoraReplicaConfig(REST, "a:b", "p", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FedoraReplicaConfig(REST, "u", null, "")).isInstanceOf(NullPointerException.class);
        for (String container : new String[] {"kho/../x", "kho//a", "kho/./a", "kho/fcr:tx", "kho a", "kho/hồ"}) {
            assertThatThrownBy(() -> new FedoraReplicaConfig(REST, "u", "p", container))
                    .as(container)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void encodesEachSegmentAndReadsBackWhatFedoraWrites() {
        assertThat(FedoraPaths.encode("v1/content/tài liệu/a+b=c 50%.pdf"))
                .isEqualTo("v1/content/t%C3%A0i%20li%E1%BB%87u/a%2Bb%3Dc%2050%25.pdf");
        URI group = URI.create("http://127.0.0.1:8080/fcrepo/rest/kho/0f0e");
        // Fedora leaves '=' bare and may spell the host differently
        assertThat(FedoraPaths.below(group, "http://localhost:8080/fcrepo/rest/kho/0f0e/0=ocfl_object_1.1"))
                .contains("0=ocfl_object_1.1");
        assertThat(FedoraPaths.below(group, "http://127.0.0.1:8080/fcrepo/rest/kho/0f0e/v1/content/a%2Bb%20c+d"))
                .contains("v1/content/a+b c+d");
        assertThat(FedoraPaths.below(group, "http://127.0.0.1:8080/fcrepo/rest/kho/0f0e"))
                .isEmpty();
        assertThat(FedoraPaths.below(group, "http://127.0.0.1:8080/fcrepo/rest/kho/0f0e1/x"))
                .isEmpty();
    }

    @Test
    void refusesPathsFedoraReservesOrCannotHold() {
        for (String path :
                new String[] {"fcr:metadata", "v1/.fcrepo/x", "a~fcr-desc.nt", "v1/content/a#b", "", "a//b"}) {
            assertThatThrownBy(() -> FedoraPaths.check(path)).as(path).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(FedoraPaths.check("v1/content/hồ sơ (1).pdf")).isEqualTo("v1/content/hồ sơ (1).pdf");
    }

    @Test
    void readsTheContainedResourcesOfNTriples() {
        String body =
                """
                <http://h/rest/kho> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/ldp#Container> .
                <http://h/rest/kho> <http://www.w3.org/ns/ldp#contains> <http://h/rest/kho/a> .
                <http://h/rest/kho> <http://www.w3.org/ns/ldp#contains> <http://h/rest/kho/h\\u1ED3> .
                <http://h/rest/kho> <http://purl.org/dc/elements/1.1/title> "<http://www.w3.org/ns/ldp#contains>" .
                """;

        assertThat(LdpContainment.children(body)).containsExactly("http://h/rest/kho/a", "http://h/rest/kho/hồ");
    }
}
