package vn.kho.repository.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureOutcomeTest {
    @Test
    void outcomesAreOrderedFromValidToBrokenAndCodedForFindings() {
        assertThat(SignatureOutcome.worst(
                        List.of(SignatureOutcome.VALID, SignatureOutcome.REVOKED, SignatureOutcome.EXPIRED)))
                .isEqualTo(SignatureOutcome.REVOKED);
        assertThat(SignatureOutcome.BROKEN.isWorseThan(SignatureOutcome.MALFORMED))
                .isTrue();
        assertThat(SignatureOutcome.REVOCATION_UNKNOWN.isWorseThan(SignatureOutcome.VALID))
                .isTrue();
        assertThat(SignatureOutcome.worst(List.of())).isEqualTo(SignatureOutcome.VALID);
        assertThat(SignatureOutcome.WEAK_ALGORITHM.findingCode()).isEqualTo("SIGNATURE_WEAK_ALGORITHM");
    }
}
