package vn.kho.repository.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Digests signed content in one streamed pass, however many algorithms are wanted; the content is never held. */
final class ContentDigests {
    private static final int BUFFER = 64 * 1024;

    private ContentDigests() {}

    /**
     * The digest of {@code content} by each of {@code algorithms} Bouncy Castle and the JDK support, keyed by OID;
     * algorithms that are not supported are left out. The content is not read when none is supported.
     *
     * @throws UncheckedIOException when the content cannot be read
     */
    static Map<ASN1ObjectIdentifier, byte[]> of(ContentSource content, Collection<AlgorithmIdentifier> algorithms) {
        DigestCalculatorProvider provider;
        try {
            provider = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("the JDK has no digests", e);
        }
        Map<ASN1ObjectIdentifier, DigestCalculator> calculators = new LinkedHashMap<>();
        for (AlgorithmIdentifier alg : algorithms) {
            if (!calculators.containsKey(alg.getAlgorithm())) {
                try {
                    calculators.put(alg.getAlgorithm(), provider.get(alg));
                } catch (OperatorCreationException unsupported) {
                    // left out: the caller reports it
                }
            }
        }
        if (calculators.isEmpty()) {
            return Map.of();
        }
        feed(
                content,
                calculators.values().stream()
                        .map(DigestCalculator::getOutputStream)
                        .toList());
        Map<ASN1ObjectIdentifier, byte[]> digests = new LinkedHashMap<>();
        calculators.forEach((oid, calc) -> digests.put(oid, calc.getDigest()));
        return digests;
    }

    private static void feed(ContentSource content, List<OutputStream> outs) {
        try (InputStream in = content.open()) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (OutputStream out : outs) {
                    out.write(buffer, 0, n);
                }
            }
            for (OutputStream out : outs) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signed content", e);
        }
    }
}
