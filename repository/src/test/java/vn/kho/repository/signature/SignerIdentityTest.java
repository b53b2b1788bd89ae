package vn.kho.repository.signature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignerIdentityTest {
    private final TestPki pki = TestPki.shared();

    @Test
    void namesTheOrganisationByItsOrganizationIdentifier() {
        SignerIdentity id = SignerIdentity.of(pki.agency().certificate());

        assertThat(id.organisationCode()).isEqualTo("000.00.01.H26");
        assertThat(id.commonName()).isEqualTo("Nguyễn Văn An");
        assertThat(id.subjectDn())
                .isEqualTo("CN=Nguyễn Văn An,O=Sở Nội vụ thử nghiệm,organizationIdentifier=000.00.01.H26,C=VN");
        assertThat(id.issuerDn()).isEqualTo("CN=Kho Test Agency CA,O=Kho Test PKI,C=VN");
        assertThat(id.serialHex())
                .isEqualTo(pki.agency().certificate().getSerialNumber().toString(16));
    }

    @Test
    void fallsBackToTheUidWhenThereIsNoOrganizationIdentifier() {
        assertThat(SignerIdentity.of(pki.agencyWithUid().certificate()).organisationCode())
                .isEqualTo("MST:0101234567");
    }

    @Test
    void hasNoOrganisationCodeWhenTheSubjectNamesNone() {
        assertThat(SignerIdentity.of(pki.expired().certificate()).organisationCode())
                .isNull();
    }
}
