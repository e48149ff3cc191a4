package rhix.terminology.engine;

import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r5.terminologies.CodeSystemUtilities;

/** Which display to give for a language: a designation in that language (or its base language), else the concept's own. */
final class Displays {

    private Displays() {
    }

    /** @param languages an Accept-Language style list ("zh-CN, en;q=0.8") or a single code; null means the code system's own */
    static String choose(CodeSystem codeSystem, ConceptDefinitionComponent concept, List<CodeSystem> supplements, String languages) {
        if (languages != null && !languages.isBlank()) {
            for (String range : languages.split(",")) {
                String language = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (language.isEmpty() || "*".equals(language)) {
                    continue;
                }
                if (codeSystem.hasLanguage() && matches(codeSystem.getLanguage(), language)) {
                    return concept.getDisplay();
                }
                String found = designationIn(concept, language);
                for (int i = 0; found == null && i < supplements.size(); i++) {
                    ConceptDefinitionComponent extra = CodeSystemUtilities.findCode(supplements.get(i).getConcept(), concept.getCode());
                    found = extra == null ? null : designationIn(extra, language);
                }
                if (found != null) {
                    return found;
                }
            }
        }
        return concept.getDisplay();
    }

    private static String designationIn(ConceptDefinitionComponent concept, String language) {
        for (ConceptDefinitionDesignationComponent designation : concept.getDesignation()) {
            if (designation.hasLanguage() && matches(designation.getLanguage(), language)) {
                return designation.getValue();
            }
        }
        return null;
    }

    /** "zh-CN" is a "zh"; asking for "zh" accepts "zh-CN". */
    private static boolean matches(String held, String asked) {
        String h = held.toLowerCase(Locale.ROOT);
        return h.equals(asked) || h.startsWith(asked + "-") || asked.startsWith(h + "-");
    }
}
