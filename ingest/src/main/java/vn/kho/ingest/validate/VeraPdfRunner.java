package vn.kho.ingest.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.VeraPDFFoundry;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.RuleId;

/**
 * veraPDF's PDF/A validation in this JVM (greenfield parser): reads the PDF/A identification from the file's XMP and
 * validates against that part and level. Runs inside a {@link ValidatorWorker}.
 */
final class VeraPdfRunner {
    /**
     * Given to the parser as the flavour to fall back to when the XMP claims nothing. A PDF/A identification can never
     * produce it, so seeing it back means "no claim" (the parser's own fallback, PDF/A-1b, would be indistinguishable
     * from a real claim).
     */
    private static final PDFAFlavour NO_CLAIM = PDFAFlavour.WCAG_2_2;

    private final VeraPDFFoundry foundry;

    VeraPdfRunner() {
        VeraGreenfieldFoundryProvider.initialise();
        foundry = Foundries.defaultInstance();
    }

    /** Validates {@code file} against PDF/A-1b, -2b and -3b regardless of its claim, to load and compile their rules. */
    void warmUp(Path file) {
        for (PDFAFlavour f : new PDFAFlavour[] {PDFAFlavour.PDFA_1_B, PDFAFlavour.PDFA_2_B, PDFAFlavour.PDFA_3_B}) {
            try (PDFAParser parser = foundry.createParser(file.toFile(), f);
                    PDFAValidator validator = foundry.createValidator(f, 1, false, false, false)) {
                validator.validate(parser);
            } catch (Exception e) {
                System.err.println("kho-validator: veraPDF warm-up for " + f + " failed: " + JhoveRunner.describe(e));
            }
        }
    }

    PdfaResult check(Path file) {
        String claimed = null;
        try (PDFAParser parser = foundry.createParser(file.toFile(), PDFAFlavour.NO_FLAVOUR, NO_CLAIM)) {
            PDFAFlavour flavour = parser.getFlavours().stream()
                    .filter(f -> f.getPart().getFamily() == PDFAFlavour.SpecificationFamily.PDF_A)
                    .findFirst()
                    .orElse(null);
            if (flavour == null) {
                return PdfaResult.notClaimed();
            }
            claimed = flavour.getId();
            try (PDFAValidator validator = foundry.createValidator(flavour, 1, false, false, false)) {
                ValidationResult result = validator.validate(parser);
                Map<RuleId, Integer> failed = result.getFailedChecks();
                Map<RuleId, String> firstMessage = new LinkedHashMap<>();
                for (TestAssertion a : result.getTestAssertions()) {
                    if (a.getStatus() == TestAssertion.Status.FAILED) {
                        firstMessage.putIfAbsent(a.getRuleId(), a.getMessage());
                    }
                }
                List<String> summaries = new ArrayList<>();
                for (Map.Entry<RuleId, String> e : firstMessage.entrySet()) {
                    if (summaries.size() == PdfaResult.MAX_SUMMARIES) {
                        break;
                    }
                    RuleId rule = e.getKey();
                    int checks = failed.getOrDefault(rule, 1);
                    summaries.add(rule.getClause() + "-" + rule.getTestNumber() + ": " + oneLine(e.getValue()) + " ("
                            + checks + (checks == 1 ? " check)" : " checks)"));
                }
                int failedRules = Math.max(failed.size(), firstMessage.size());
                return new PdfaResult(claimed, result.isCompliant(), failedRules, summaries, null);
            }
        } catch (Exception | StackOverflowError e) {
            return PdfaResult.failed(claimed, JhoveRunner.describe(e));
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
