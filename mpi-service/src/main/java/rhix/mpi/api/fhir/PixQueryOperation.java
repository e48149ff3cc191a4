package rhix.mpi.api.fhir;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.UriType;

/**
 * IHE PIXm's Mobile Patient Identifier Cross-reference Query [ITI-83], {@code GET Patient/$ihe-pix}: one of a
 * person's identifiers in, the same person's identifiers in the other domains out. The domains are the
 * region's resident ID, the MPI's enterprise ids, and each hospital's patient numbers (a domain is known once
 * a record numbered in it is registered). Failures follow ITI-83 §2:3.83.4.2.2:
 * <ul>
 *   <li>source domain not known: 400, {@code code-invalid}, "sourceIdentifier Assigning Authority not found";</li>
 *   <li>the identifier not known in its domain: 404, {@code not-found}, "sourceIdentifier Patient Identifier not found";</li>
 *   <li>a target domain not known: 403, {@code code-invalid}, "targetSystem not found";</li>
 *   <li>a known person with no identifier in the target domains: 200 with an empty Parameters.</li>
 * </ul>
 * Only what is linked now is answered: a record's number appears while the record is linked to the person;
 * a retired enterprise id answers for the identity that replaced it.
 */
final class PixQueryOperation {

    static final String NAME = "$ihe-pix";

    private final EnterprisePatients patients;

    PixQueryOperation(EnterprisePatients patients) {
        this.patients = patients;
    }

    @Operation(name = NAME, type = Patient.class, idempotent = true)
    public Parameters crossReference(@OperationParam(name = "sourceIdentifier", min = 1, max = 1) TokenParam sourceIdentifier,
                                     @OperationParam(name = "targetSystem") List<UriType> targetSystems) {
        if (sourceIdentifier == null || sourceIdentifier.getSystem() == null || sourceIdentifier.getSystem().isBlank()
                || sourceIdentifier.getValue() == null || sourceIdentifier.getValue().isBlank()) {
            throw new InvalidRequestException("sourceIdentifier needs both the assigning authority and the value: system|value");
        }
        EnterprisePatients.SystemValue source = new EnterprisePatients.SystemValue(sourceIdentifier.getSystem(),
                sourceIdentifier.getValue());
        EnterprisePatients.Holders holders = patients.holdersOf(source);
        if (holders.domain() == EnterprisePatients.Domain.UNKNOWN) {
            throw new InvalidRequestException("sourceIdentifier Assigning Authority not found",
                    outcome(OperationOutcome.IssueType.CODEINVALID, "sourceIdentifier Assigning Authority not found"));
        }
        Set<String> targets = new LinkedHashSet<>();
        for (UriType target : targetSystems == null ? List.<UriType>of() : targetSystems) {
            if (target.getValue() == null || target.getValue().isBlank()) {
                continue;
            }
            if (patients.domainOf(target.getValue()) == EnterprisePatients.Domain.UNKNOWN) {
                throw new ForbiddenOperationException("targetSystem not found",
                        outcome(OperationOutcome.IssueType.CODEINVALID, "targetSystem not found"));
            }
            targets.add(target.getValue());
        }
        if (holders.people().isEmpty()) {
            throw new ResourceNotFoundException("sourceIdentifier Patient Identifier not found",
                    outcome(OperationOutcome.IssueType.NOTFOUND, "sourceIdentifier Patient Identifier not found"));
        }
        Parameters answer = new Parameters();
        for (PersonView person : holders.people()) {
            List<Identifier> identifiers = new ArrayList<>();
            for (Identifier identifier : GoldenPatient.of(person).getIdentifier()) {
                boolean isSource = source.system().equals(identifier.getSystem()) && source.value().equals(identifier.getValue());
                boolean wanted = targets.isEmpty() ? !source.system().equals(identifier.getSystem())
                        : targets.contains(identifier.getSystem());
                if (!isSource && wanted && identifier.getUse() != Identifier.IdentifierUse.OLD) {
                    identifiers.add(new Identifier().setSystem(identifier.getSystem()).setValue(identifier.getValue())
                            .setAssigner(identifier.hasAssigner() ? identifier.getAssigner() : null));
                }
            }
            identifiers.forEach(identifier -> answer.addParameter().setName("targetIdentifier").setValue(identifier));
            answer.addParameter().setName("targetId").setValue(new Reference("Patient/" + person.identity().enterpriseId()));
        }
        return answer;
    }

    private static OperationOutcome outcome(OperationOutcome.IssueType type, String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(text)
                .getDetails().setText(text);
        return outcome;
    }
}
