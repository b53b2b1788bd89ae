package vn.kho.ingest.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.CheckedPackage;
import vn.kho.ingest.PackageChecker;
import vn.kho.ingest.policy.FindingPolicy;
import vn.kho.ingest.testkit.BagBuilder;
import vn.kho.ingest.testkit.BagZipper;
import vn.kho.ingest.testkit.SignedPdfs;
import vn.kho.ingest.testkit.TestCheckers;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.ingest.tt05.ArchiveKind;
import vn.kho.repository.Finding;
import vn.kho.repository.Findings;
import vn.kho.repository.Severity;
import vn.kho.repository.signature.SignatureRecord;
import vn.kho.repository.signature.TestPki;

/**
 * The signature checks of whole packages through the real {@link PackageChecker}: a SIP's {@code METS.xml.p7s}, a
 * bag's {@code tagmanifest-sha256.txt.p7s}, the signatures of its PDFs, and which agencies must sign. The PKI is
 * {@link TestPki#shared()}, whose root the test checkers trust.
 */
class PackageSignatureChecksTest {
    private static final TestPki PKI = TestPki.shared();
    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2025-07-01T09:00:00+07:00");
    /** When the test TSA stamps documents: before any ingest of this JVM, inside its CRLs' period. */
    private static final Instant STAMPED = PKI.days(-1);

    @TempDir
    Path tmp;

    private int runs;

    private CheckedPackage check(Path zip) {
        return check(zip, TestCheckers.checker());
    }

    private CheckedPackage check(Path zip, PackageChecker checker) {
        runs++;
        return checker.check(zip, tmp.resolve("unpacked" + runs), tmp.resolve("checks" + runs));
    }

    private static Tt05SipBuilder sip() {
        return Tt05SipBuilder.create().createdAt(CREATED);
    }

    /** The SIP {@code builder} makes, with {@code signature} over its root METS as METS.xml.p7s. */
    private Path signedSip(Tt05SipBuilder builder, java.util.function.Function<byte[], byte[]> signature) {
        byte[] mets = builder.files().get("METS.xml");
        return builder.unreferencedFile("METS.xml.p7s", signature.apply(mets)).writeZip(tmp.resolve("sip.zip"));
    }

    private static List<String> codes(CheckedPackage checked) {
        return checked.findings().stream().map(Finding::code).toList();
    }

    private static Finding finding(CheckedPackage checked, String code) {
        return checked.findings().stream()
                .filter(f -> f.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + checked.findings()));
    }

    @Test
    void acceptsASipWhoseMetsTheAgencySignedAndRecordsTheSignature() {
        Tt05SipBuilder builder = sip();
        CheckedPackage checked = check(signedSip(builder, mets -> PKI.signDetached(PKI.agency(), mets)));

        assertThat(Findings.hasErrors(checked.findings()))
                .as("%s", checked.findings())
                .isFalse();
        assertThat(finding(checked, "SIGNATURE_VALID").severity()).isEqualTo(Severity.INFO);
        SignatureRecord r = checked.signatures().records().get(0);
        assertThat(r.kind()).isEqualTo(SignatureRecord.Kind.DETACHED_CMS);
        assertThat(r.path()).isEqualTo("submission/" + builder.folderName() + "/METS.xml");
        assertThat(r.signaturePath()).isEqualTo("submission/" + builder.folderName() + "/METS.xml.p7s");
        assertThat(r.organisation()).isEqualTo(PKI.agency().identity().organisationCode());
        assertThat(r.signer()).isEqualTo(PKI.agency().identity().subjectDn());
        assertThat(r.evidence())
                .isNotEmpty()
                .allMatch(p -> p.startsWith(SignatureChecker.EVIDENCE_DIR))
                .allMatch(p -> checked.signatures().evidence().containsKey(p));
        assertThat(r.evidence()).anyMatch(p -> p.endsWith(".crl"));
    }

    @Test
    void refusesASipWhoseMetsWasChangedAfterItWasSigned() {
        Tt05SipBuilder builder = sip();
        byte[] signature = PKI.signDetached(PKI.agency(), builder.files().get("METS.xml"));
        Path zip = builder.title("Một tiêu đề khác")
                .unreferencedFile("METS.xml.p7s", signature)
                .writeZip(tmp.resolve("changed.zip"));

        CheckedPackage checked = check(zip);

        assertThat(finding(checked, "SIGNATURE_BROKEN").severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void refusesAGarbageOrTruncatedSignatureAndOneWithNoSigner() {
        byte[] good = PKI.signDetached(PKI.agency(), sip().files().get("METS.xml"));
        CheckedPackage garbage = check(signedSip(sip(), mets -> "not a signature".getBytes()));
        CheckedPackage truncated = check(signedSip(sip(), mets -> java.util.Arrays.copyOf(good, good.length / 2)));
        CheckedPackage noSigner = check(signedSip(sip(), mets -> PKI.certificatesOnlyCms()));

        assertThat(finding(garbage, "SIGNATURE_MALFORMED").isError()).isTrue();
        assertThat(finding(truncated, "SIGNATURE_MALFORMED").isError()).isTrue();
        assertThat(finding(noSigner, "SIGNATURE_NO_SIGNER").isError()).isTrue();
    }

    @Test
    void warnsOfASignerTheArchiveCannotTrustToday() {
        List<Map.Entry<String, TestPki.Party>> signers = List.of(
                Map.entry("SIGNATURE_UNTRUSTED", PKI.untrustedSigner()),
                Map.entry("SIGNATURE_EXPIRED", PKI.expired()),
                Map.entry("SIGNATURE_EXPIRED", PKI.notYetValid()),
                Map.entry("SIGNATURE_REVOKED", PKI.revoked()),
                Map.entry("SIGNATURE_WEAK_ALGORITHM", PKI.weakRsa1024()));
        signers.forEach(e -> {
            String code = e.getKey();
            TestPki.Party party = e.getValue();
            CheckedPackage checked = check(signedSip(sip(), mets -> PKI.signDetached(party, mets)));
            assertThat(finding(checked, code).severity()).as(code).isEqualTo(Severity.WARNING);
            assertThat(Findings.hasErrors(checked.findings())).as(code).isFalse();
        });
    }

    @Test
    void warnsOfAWeakDigestAlgorithm() {
        CheckedPackage checked = check(signedSip(
                sip(), mets -> PKI.signing(PKI.agency()).digest("SHA-1").der(mets)));

        assertThat(finding(checked, "SIGNATURE_WEAK_ALGORITHM").message()).contains("SHA-1");
    }

    @Test
    void anAgencyThatMustSignIsRefusedWithoutAValidPackageSignature() {
        String agency = "000.00.00.H30"; // what the SIP builder's METS names as the submitter
        PackageChecker strict = TestCheckers.checker(
                FindingPolicy.defaults(), ArchiveKind.AGENCY, new SignatureRequirement(false, Map.of(agency, true)));

        CheckedPackage unsigned = check(sip().writeZip(tmp.resolve("unsigned.zip")), strict);
        CheckedPackage untrusted =
                check(signedSip(sip(), mets -> PKI.signDetached(PKI.untrustedSigner(), mets)), strict);

        assertThat(finding(unsigned, "SIGNATURE_REQUIRED").isError()).isTrue();
        assertThat(finding(unsigned, "SIGNATURE_REQUIRED").message()).contains(agency);
        assertThat(codes(untrusted)).contains("SIGNATURE_UNTRUSTED", "SIGNATURE_REQUIRED");
    }

    @Test
    void theSignersCertificateDecidesWhoMustSignNotOnlyWhatThePackageClaims() {
        String certified = PKI.agency().identity().organisationCode();
        PackageChecker strict = TestCheckers.checker(
                FindingPolicy.defaults(), ArchiveKind.AGENCY, new SignatureRequirement(false, Map.of(certified, true)));

        CheckedPackage signed = check(signedSip(sip(), mets -> PKI.signDetached(PKI.agency(), mets)), strict);

        // the SIP claims 000.00.00.H30, the certificate another code: it is named, and the signature satisfies it
        assertThat(certified).isNotEqualTo("000.00.00.H30");
        assertThat(codes(signed))
                .contains("SIGNATURE_VALID", "SIGNATURE_AGENCY_MISMATCH")
                .doesNotContain("SIGNATURE_REQUIRED");
    }

    @Test
    void aPackageSignedByOpensslVerifies() throws Exception {
        Tt05SipBuilder builder = sip();
        Path mets = Files.write(tmp.resolve("METS.xml"), builder.files().get("METS.xml"));
        Path cert = tmp.resolve("agency.pem");
        Path key = tmp.resolve("agency.key");
        Path chain = Files.writeString(tmp.resolve("chain.pem"), PKI.agency().issuersPem());
        PKI.writePem(PKI.agency(), cert, key);
        Path p7s = tmp.resolve("METS.xml.p7s");
        vn.kho.repository.signature.Openssl.Run run =
                vn.kho.repository.signature.Openssl.signDetached(tmp, mets, cert, key, chain, p7s, "DER");
        assertThat(run.exit()).as(run.output()).isZero();

        CheckedPackage checked = check(builder.unreferencedFile("METS.xml.p7s", Files.readAllBytes(p7s))
                .writeZip(tmp.resolve("openssl.zip")));

        assertThat(codes(checked)).contains("SIGNATURE_VALID");
        assertThat(Findings.hasErrors(checked.findings())).isFalse();
    }

    @Test
    void verifiesABagsSignatureOfItsTagManifest() throws IOException {
        Path dir = BagBuilder.create().payload("a.txt", "một").writeDirectory(tmp.resolve("bag"));
        byte[] tagManifest = Files.readAllBytes(dir.resolve("tagmanifest-sha256.txt"));
        Files.write(dir.resolve("tagmanifest-sha256.txt.p7s"), PKI.signDetached(PKI.agency(), tagManifest));
        Path zip = BagZipper.zip(dir, tmp.resolve("bag.zip"), true);

        CheckedPackage checked = check(zip);

        assertThat(Findings.hasErrors(checked.findings()))
                .as("%s", checked.findings())
                .isFalse();
        assertThat(codes(checked)).contains("SIGNATURE_VALID");
        assertThat(checked.signatures().records().get(0).path()).endsWith("/tagmanifest-sha256.txt");
    }

    @Test
    void verifiesEachSignatureOfAPdfSignedByTheSignerThenTheAgency() {
        byte[] pdf = SignedPdfs.signedBySignerThenAgency(PKI);

        CheckedPackage checked = check(sip().document("quyet-dinh.pdf", pdf).writeZip(tmp.resolve("pdf.zip")));

        List<SignatureRecord> records = checked.signatures().records();
        assertThat(records).hasSize(2).allMatch(SignatureRecord::isValid);
        assertThat(records).extracting(SignatureRecord::ordinal).containsExactly(1, 2);
        assertThat(records).extracting(SignatureRecord::kind).containsOnly(SignatureRecord.Kind.PDF);
        assertThat(records.get(0).path()).isEqualTo(Tt05SipBuilder.dataPath("quyet-dinh.pdf"));
        assertThat(Findings.hasErrors(checked.findings()))
                .as("%s", checked.findings())
                .isFalse();
    }

    @Test
    void refusesAPdfWithAByteChangedInsideTheSignedRange() {
        byte[] pdf = SignedPdfs.by(PKI.agency()).sign(SignedPdfs.unsigned(1, "A"));
        int at = indexOf(pdf, "/MediaBox") + 2;
        pdf[at] = (byte) (pdf[at] == 'e' ? 'E' : 'e');

        CheckedPackage checked = check(sip().document("a.pdf", pdf).writeZip(tmp.resolve("flipped.zip")));

        assertThat(finding(checked, "SIGNATURE_BROKEN").isError()).isTrue();
    }

    @Test
    void refusesAPdfWithContentAppendedAfterSigning() {
        byte[] signed = SignedPdfs.by(PKI.agency()).sign(SignedPdfs.unsigned(1, "A"));
        byte[] pdf = java.util.Arrays.copyOf(signed, signed.length + 20);
        System.arraycopy("\n% appended later\n".getBytes(), 0, pdf, signed.length, 18);

        CheckedPackage checked = check(sip().document("a.pdf", pdf).writeZip(tmp.resolve("appended.zip")));

        assertThat(finding(checked, "SIGNATURE_MODIFIED_AFTER").isError()).isTrue();
    }

    @Test
    void acceptsAPdfSignedByTheAgencyThenGivenADocumentTimestampInALaterUpdate() {
        byte[] signed = SignedPdfs.by(PKI.agency()).sign(SignedPdfs.unsigned(1, "B-LTA"));
        byte[] pdf = documentTimestamped(signed);

        CheckedPackage checked = check(sip().document("b-lta.pdf", pdf).writeZip(tmp.resolve("lta.zip")));

        List<SignatureRecord> records = checked.signatures().records();
        assertThat(records)
                .as("%s", records)
                .hasSize(2)
                .allMatch(SignatureRecord::isValid)
                .allMatch(r -> r.kind() == SignatureRecord.Kind.PDF);
        assertThat(records.get(0).signer()).isEqualTo(PKI.agency().identity().subjectDn());
        SignatureRecord stamp = records.get(1);
        assertThat(stamp.signer()).isEqualTo(PKI.tsa().identity().subjectDn());
        assertThat(stamp.timestampTime()).isEqualTo(STAMPED);
        assertThat(stamp.validationTime()).isEqualTo(STAMPED);
        assertThat(stamp.evidence()).anyMatch(p -> p.endsWith(".tst")).anyMatch(p -> p.endsWith(".crl"));
        assertThat(Findings.hasErrors(checked.findings()))
                .as("%s", checked.findings())
                .isFalse();
    }

    @Test
    void refusesAPdfWithAByteChangedInsideTheRangeOfItsDocumentTimestamp() {
        byte[] pdf = documentTimestamped(SignedPdfs.unsigned(1, "A"));
        int at = indexOf(pdf, "/MediaBox") + 2;
        pdf[at] = (byte) (pdf[at] == 'e' ? 'E' : 'e');

        CheckedPackage checked = check(sip().document("a.pdf", pdf).writeZip(tmp.resolve("stamp-flipped.zip")));

        assertThat(checked.signatures().records())
                .singleElement()
                .extracting(SignatureRecord::outcome)
                .isEqualTo("BROKEN");
        assertThat(finding(checked, "SIGNATURE_BROKEN").isError()).isTrue();
    }

    /** {@code pdf} with a document timestamp (ETSI.RFC3161) by the test TSA at {@link #STAMPED}, incrementally. */
    private static byte[] documentTimestamped(byte[] pdf) {
        SignedPdfs.CmsMaker token =
                signedBytes -> PKI.timestampToken(PKI.tsa(), signedBytes.readAllBytes(), STAMPED, "SHA-256");
        return new SignedPdfs(
                        PKI.tsa().privateKey(),
                        PKI.tsa().chain().toArray(java.security.cert.X509Certificate[]::new),
                        token)
                .sign(
                        pdf,
                        SignedPdfs.Options.defaults()
                                .withName("Kho Test TSA")
                                .withSubFilter(COSName.getPDFName("ETSI.RFC3161")));
    }

    @Test
    void usesTheCrlsAPdfCarriesInItsDocumentSecurityStore() throws Exception {
        PackageChecker withoutCrls = TestCheckers.checker(new SignatureChecker(
                new vn.kho.repository.signature.CmsVerifier(
                        PKI.trustStoreWithoutCrls(), vn.kho.repository.signature.VerificationPolicy.defaults()),
                new vn.kho.ingest.signature.pdfbox.PdfBoxSignatureScanner(),
                SignatureRequirement.none()));
        byte[] signed = SignedPdfs.by(PKI.agency()).sign(SignedPdfs.unsigned(1, "A"));
        byte[] withDss = SignedPdfs.withDss(
                signed,
                List.of(PKI.intermediate().certificate().getEncoded()),
                List.of(PKI.intermediateCrl().getEncoded(), PKI.rootCrl().getEncoded()));

        CheckedPackage bare = check(sip().document("a.pdf", signed).writeZip(tmp.resolve("bare.zip")), withoutCrls);
        CheckedPackage lt = check(sip().document("a.pdf", withDss).writeZip(tmp.resolve("lt.zip")), withoutCrls);

        assertThat(bare.signatures().records().get(0).outcome()).isEqualTo("REVOCATION_UNKNOWN");
        SignatureRecord r = lt.signatures().records().get(0);
        assertThat(r.outcome()).as(r.message()).isEqualTo("VALID");
        assertThat(r.evidence()).filteredOn(p -> p.endsWith(".crl")).hasSize(2);
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes();
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(needle + " not found");
    }
}
