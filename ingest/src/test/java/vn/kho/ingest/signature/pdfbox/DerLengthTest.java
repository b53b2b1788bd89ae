package vn.kho.ingest.signature.pdfbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DerLengthTest {

    @Test
    void aDefiniteLengthElementEndsWhereItsLengthSaysEvenWhenItsLastOctetsAreZero() {
        // SEQUENCE { INTEGER 0, OCTET STRING 00 00 } then zero padding: stripping zeros would cut the element
        assertThat(DerLength.ofFirstElement(hex("3007020100040200000000000000")))
                .isEqualTo(9);
    }

    @Test
    void aLongFormLengthIsRead() {
        byte[] element = new byte[4 + 300 + 10]; // OCTET STRING of 300 octets (82 01 2C), then padding
        element[0] = 0x04;
        element[1] = (byte) 0x82;
        element[2] = 0x01;
        element[3] = 0x2c;

        assertThat(DerLength.ofFirstElement(element)).isEqualTo(4 + 300);
    }

    @Test
    void anIndefiniteLengthElementEndsAfterItsEndOfContentsOctets() {
        // SEQUENCE (indefinite) { [0] (indefinite) { INTEGER 5 } } then padding: BER as Bouncy Castle writes CMS
        assertThat(DerLength.ofFirstElement(hex("3080a080020105000000000000000000")))
                .isEqualTo(11);
    }

    @Test
    void anElementLongerThanTheBytesIsMalformed() {
        assertThat(DerLength.ofFirstElement(hex("3010020100"))).isEqualTo(-1);
        assertThat(DerLength.ofFirstElement(hex("3080020100"))).isEqualTo(-1);
        assertThat(DerLength.ofFirstElement(hex("0480"))).isEqualTo(-1);
        assertThat(DerLength.ofFirstElement(new byte[0])).isEqualTo(-1);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
