package vn.kho.ingest.bagit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BagDigestsTest {
    @Test
    void asksForTheAlgorithmsOfEveryManifestAtTheRootOfABaseDirectory() {
        assertThat(BagDigests.algorithmsFor(List.of(
                        "bag/",
                        "bag/bagit.txt",
                        "bag/manifest-md5.txt",
                        "bag/tagmanifest-sha1.txt",
                        "bag/manifest-sha384.txt",
                        "bag/data/manifest-sha224.txt")))
                .containsExactlyInAnyOrder("md5", "sha1", "sha384");
    }

    @Test
    void asksForTheAlgorithmsOfManifestsAtTheZipRootWhenThereIsNoBaseDirectory() {
        assertThat(BagDigests.algorithmsFor(List.of(
                        "bagit.txt", "manifest-sha512.txt", "tagmanifest-sha224.txt", "data/x/manifest-md5.txt")))
                .containsExactlyInAnyOrder("sha512", "sha224");
    }

    @Test
    void ignoresAlgorithmsKhoCannotVerifyAndZipsThatAreNoBag() {
        assertThat(BagDigests.algorithmsFor(List.of("manifest-whirlpool.txt", "bagit.txt")))
                .isEmpty();
        assertThat(BagDigests.algorithmsFor(List.of("sip/METS.xml", "sip/representations/rep1/METS.xml")))
                .isEmpty();
        assertThat(BagDigests.algorithmsFor(List.of())).isEmpty();
    }
}
