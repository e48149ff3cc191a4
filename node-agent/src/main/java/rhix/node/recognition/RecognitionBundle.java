package rhix.node.recognition;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import rhix.recognition.rules.Verdict;

/**
 * The answer of {@code $recognizable-results} as FHIR: a collection Bundle identified by the exchange id, one entry
 * per offered result (the provider's Observation or DiagnosticReport, {@code meta.source} naming the provider node)
 * carrying the verdict as the {@value #VERDICT} extension, and last an OperationOutcome saying how the exchange ended
 * and which providers failed or did not answer.
 */
final class RecognitionBundle {

    static final String VERDICT = "http://rhix.org/fhir/StructureDefinition/recognition-verdict";
    static final String EXCHANGE_SYSTEM = "urn:rhix:exchange";

    private final FhirContext fhirContext;

    RecognitionBundle(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    Bundle of(RecognitionAnswer answer) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION).setTimestamp(new Date());
        answer.exchangeId().ifPresent(id -> bundle.getIdentifier().setSystem(EXCHANGE_SYSTEM).setValue(id));
        IParser parser = fhirContext.newJsonParser();
        for (JudgedResult judged : answer.judged()) {
            Resource resource = (Resource) parser.parseResource(judged.offered().getResourceJson().toString(StandardCharsets.UTF_8));
            resource.getMeta().setSource("urn:rhix:node:" + judged.offered().getNodeId());
            Bundle.BundleEntryComponent entry = bundle.addEntry().setResource(resource);
            entry.addExtension(verdict(judged));
        }
        bundle.addEntry().setResource(outcome(answer));
        return bundle;
    }

    private static Extension verdict(JudgedResult judged) {
        Extension verdict = new Extension(VERDICT);
        switch (judged.verdict()) {
            case Verdict.Recognised recognised -> {
                verdict.addExtension("verdict", new CodeType("RECOGNISED"));
                verdict.addExtension("costAvoided", new Money().setValue(recognised.costAvoided()).setCurrency("CNY"));
            }
            case Verdict.NotRecognised notRecognised -> {
                verdict.addExtension("verdict", new CodeType("NOT_RECOGNISED"));
                verdict.addExtension("reason", new CodeType(notRecognised.reason().name()));
                verdict.addExtension("detail", new StringType(notRecognised.detail()));
            }
        }
        judged.item().ifPresent(item -> verdict.addExtension("item", new Coding(item.system(), item.code(), null)));
        verdict.addExtension("sourceCode", new StringType(judged.sourceCode()));
        verdict.addExtension("provider", new StringType(judged.offered().getNodeId()));
        verdict.addExtension("decision", new StringType(judged.decisionId()));
        return verdict;
    }

    private static OperationOutcome outcome(RecognitionAnswer answer) {
        OperationOutcome outcome = new OperationOutcome();
        String ended = answer.end().map(end -> end.state().name()).orElse("not ended by the deadline");
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics(answer.exchangeId().map(id -> "exchange " + id + ": " + ended + "; " + answer.judged().size()
                        + " result(s) offered").orElse("no exchange was requested"));
        answer.failedProviders().forEach((provider, reason) -> outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.WARNING).setCode(OperationOutcome.IssueType.TRANSIENT)
                .setDiagnostics("provider " + provider + " failed: " + reason));
        answer.unansweredProviders().forEach(provider -> outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.WARNING).setCode(OperationOutcome.IssueType.TIMEOUT)
                .setDiagnostics("provider " + provider + " did not answer by the exchange's deadline"));
        answer.problems().forEach(problem -> outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.PROCESSING)
                .setDiagnostics(problem));
        return outcome;
    }
}
