package rhix.node.recognition;

import jakarta.inject.Singleton;
import java.util.Optional;
import rhix.api.exchange.v1.Coding;
import rhix.api.exchange.v1.OfferedResult;
import rhix.node.terminology.CodeChecks;
import rhix.recognition.rules.ItemCode;
import rhix.terminology.client.Translation;

/**
 * The standard code an offered result is judged under: a LOINC or imaging-category coding the result already
 * carries, else its local code translated to LOINC by the region's terminology server, else by the node's
 * ConceptMap files. Empty when nothing maps it (the verdict is then UNMAPPED_CODE).
 */
@Singleton
public class ResultTranslation {

    private final CodeChecks terminology;
    private final LocalConceptMaps conceptMaps;

    public ResultTranslation(CodeChecks terminology, LocalConceptMaps conceptMaps) {
        this.terminology = terminology;
        this.conceptMaps = conceptMaps;
    }

    public Optional<ItemCode> standardCode(OfferedResult result) {
        for (Coding coding : result.getCodesList()) {
            if (ItemCode.LOINC.equals(coding.getSystem()) || ItemCode.IMAGING_CATEGORY.equals(coding.getSystem())) {
                return Optional.of(new ItemCode(coding.getSystem(), coding.getCode()));
            }
        }
        for (Coding coding : result.getCodesList()) {
            if (coding.getSystem().isEmpty() || coding.getCode().isEmpty()) {
                continue;
            }
            Optional<String> loinc = terminology.toLoinc(coding.getSystem(), coding.getCode())
                    .flatMap(answer -> loincTarget(answer.value()))
                    .or(() -> conceptMaps.loincFor(coding.getSystem(), coding.getCode()));
            if (loinc.isPresent()) {
                return loinc.map(ItemCode::loinc);
            }
        }
        return Optional.empty();
    }

    /** The producing hospital's own code, as a verdict names it: its first local coding. */
    public static String sourceCode(OfferedResult result) {
        return result.getCodesList().stream()
                .filter(coding -> !ItemCode.LOINC.equals(coding.getSystem()) && !ItemCode.IMAGING_CATEGORY.equals(coding.getSystem()))
                .findFirst().or(() -> result.getCodesList().stream().findFirst())
                .map(coding -> ItemCodes.of(coding.getSystem(), coding.getCode()))
                .orElse(ItemCodes.of(result.getMatchedCode().getSystem(), result.getMatchedCode().getCode()));
    }

    private static Optional<String> loincTarget(Translation translation) {
        return translation.targets().stream()
                .filter(target -> ItemCode.LOINC.equals(target.system()) && target.code() != null && !target.code().isBlank())
                .filter(target -> target.equivalence() == null || target.equivalence().equals("equivalent")
                        || target.equivalence().equals("equal"))
                .map(Translation.Target::code).findFirst();
    }
}
