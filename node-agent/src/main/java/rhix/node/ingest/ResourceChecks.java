package rhix.node.ingest;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import rhix.fhir.RhixNamingSystems;
import rhix.identity.InvalidResidentIdException;
import rhix.identity.ResidentId;

/**
 * The checks a resource must pass to enter the store, each independent of the rest of the batch:
 * a well-formed id, every element the R4 definitions make required (at any depth that is present),
 * and a resident ID number that passes GB 11643.
 */
@Singleton
public class ResourceChecks {

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    /** Not walked: contained resources are checked as resources; extensions carry their own rules. */
    private static final Set<String> NOT_WALKED = Set.of("contained", "extension", "modifierExtension");

    private final FhirContext fhirContext;

    public ResourceChecks(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public List<IngestProblem> check(IncomingResource incoming) {
        List<IngestProblem> problems = new ArrayList<>();
        String id = incoming.key().resourceId();
        if (!FHIR_ID.matcher(id).matches()) {
            problems.add(IngestProblem.of(incoming, IssueType.VALUE,
                    "id '" + id + "' is not a FHIR id (1-64 of A-Z a-z 0-9 - .)", incoming.key().resourceType() + ".id"));
        }
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(incoming.resource());
        checkRequired(incoming, incoming.resource(), definition, definition.getName(), problems);
        if (incoming.resource() instanceof Patient patient) {
            checkResidentIds(incoming, patient, problems);
        }
        return problems;
    }

    private void checkRequired(IncomingResource incoming, IBase element, BaseRuntimeElementCompositeDefinition<?> definition,
                               String path, List<IngestProblem> problems) {
        for (BaseRuntimeChildDefinition child : definition.getChildren()) {
            String name = child.getElementName();
            if (NOT_WALKED.contains(name)) {
                continue;
            }
            List<IBase> values = child.getAccessor().getValues(element);
            String childPath = path + "." + name.replace("[x]", "");
            if (child.getMin() > 0 && values.stream().noneMatch(ResourceChecks::hasContent)) {
                problems.add(IngestProblem.of(incoming, IssueType.REQUIRED,
                        childPath + " is required (R4 cardinality " + child.getMin() + ".." + maxOf(child) + ")", childPath));
                continue;
            }
            for (int i = 0; i < values.size(); i++) {
                IBase value = values.get(i);
                if (value instanceof IPrimitiveType<?> || value instanceof IBaseResource) {
                    continue;
                }
                BaseRuntimeElementDefinition<?> valueDefinition = child.getChildElementDefinitionByDatatype(value.getClass());
                if (valueDefinition instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
                    String indexed = child.getMax() == 1 ? childPath : childPath + "[" + i + "]";
                    checkRequired(incoming, value, composite, indexed, problems);
                }
            }
        }
    }

    private static boolean hasContent(IBase value) {
        return value instanceof IPrimitiveType<?> primitive ? primitive.getValueAsString() != null : !value.isEmpty();
    }

    private static String maxOf(BaseRuntimeChildDefinition child) {
        return child.getMax() == -1 ? "*" : Integer.toString(child.getMax());
    }

    private static void checkResidentIds(IncomingResource incoming, Patient patient, List<IngestProblem> problems) {
        List<Identifier> identifiers = patient.getIdentifier();
        for (int i = 0; i < identifiers.size(); i++) {
            Identifier identifier = identifiers.get(i);
            if (!RhixNamingSystems.RESIDENT_ID.equals(identifier.getSystem())) {
                continue;
            }
            try {
                ResidentId.parse(identifier.getValue());
            } catch (InvalidResidentIdException e) {
                problems.add(IngestProblem.of(incoming, IssueType.VALUE, e.getMessage(),
                        "Patient.identifier[" + i + "].value"));
            }
        }
    }
}
