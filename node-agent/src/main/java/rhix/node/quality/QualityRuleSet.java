package rhix.node.quality;

import ca.uhn.fhir.context.FhirContext;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Patient;
import rhix.node.ingest.IncomingResource;
import rhix.node.store.ResourceKey;
import rhix.node.terminology.CodeChecks;

/** The rules this node runs on every batch: {@link QualityRules#all()} less the disabled ones. */
@Singleton
public class QualityRuleSet {

    private final FhirContext fhirContext;
    private final QualityConfiguration configuration;
    private final CodeChecks codes;
    private final Map<String, List<QualityRule>> enabledByType;

    public QualityRuleSet(FhirContext fhirContext, QualityConfiguration configuration, CodeChecks codes) {
        this.fhirContext = fhirContext;
        this.configuration = configuration;
        this.codes = codes;
        Set<String> known = QualityRules.all().stream().map(QualityRule::id).collect(Collectors.toSet());
        for (String disabled : configuration.disabledRules()) {
            if (!known.contains(disabled)) {
                throw new IllegalArgumentException("rhix.quality.disabled-rules names an unknown rule '" + disabled
                        + "'; rules are " + known.stream().sorted().toList());
            }
        }
        this.enabledByType = QualityRules.all().stream()
                .filter(rule -> !configuration.disabledRules().contains(rule.id()))
                .collect(Collectors.groupingBy(QualityRule::resourceType));
    }

    public List<QualityRule> enabledRules() {
        return enabledByType.values().stream().flatMap(List::stream)
                .sorted(java.util.Comparator.comparing(QualityRule::id)).toList();
    }

    public List<QualityFinding> evaluate(List<IncomingResource> resources, Instant now) {
        Map<ResourceKey, Patient> patients = resources.stream()
                .filter(incoming -> incoming.resource() instanceof Patient)
                .collect(Collectors.toMap(IncomingResource::key, incoming -> (Patient) incoming.resource(), (a, b) -> b));
        QualityContext context = new QualityContext(patients, now, configuration.reportingDeadline(), codes);
        List<QualityFinding> findings = new ArrayList<>();
        for (IncomingResource incoming : resources) {
            String type = fhirContext.getResourceType(incoming.resource());
            for (QualityRule rule : enabledByType.getOrDefault(type, List.of())) {
                for (QualityRule.Violation violation : rule.check().violations(incoming.resource(), context)) {
                    findings.add(new QualityFinding(rule.id(), rule.dimension(), rule.severity(), incoming.key(),
                            violation.elementPath(), violation.message(), violation.subject()));
                }
            }
        }
        return findings;
    }
}
