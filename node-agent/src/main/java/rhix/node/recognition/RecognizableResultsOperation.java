package rhix.node.recognition;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import rhix.events.axon.EventSourcingFactory;
import rhix.fhir.facade.security.AccessToken;
import rhix.fhir.facade.security.InstanceOperation;
import rhix.fhir.facade.store.ResourceRepository;
import rhix.fhir.facade.store.StoredResource;

/**
 * {@code GET [base]/Patient/[id]/$recognizable-results?code=system|code[&code=…]}: another hospital's results of these
 * tests for this node's patient, each with its mutual-recognition verdict ({@link RecognitionBundle}). Results are
 * released for treatment only, so the token's purpose of use must be TREAT; a {@code user/} or {@code system/}
 * scope searching Observation lets a token call it.
 */
@Singleton
@Requires(property = EventSourcingFactory.ENABLED, value = "true")
public class RecognizableResultsOperation {

    public static final String NAME = "$recognizable-results";
    public static final InstanceOperation SECURED_AS = new InstanceOperation(NAME, Patient.class, "Observation");
    static final String CODE = "code";
    private static final String TREAT = "TREAT";

    private final RecognisableResults recognition;
    private final ResourceRepository repository;
    private final RecognitionBundle bundles;

    public RecognizableResultsOperation(RecognisableResults recognition, ResourceRepository repository, FhirContext fhirContext) {
        this.recognition = recognition;
        this.repository = repository;
        this.bundles = new RecognitionBundle(fhirContext);
    }

    @Operation(name = NAME, idempotent = true, type = Patient.class)
    public Bundle recognizableResults(@IdParam IdType patientId,
                                      @OperationParam(name = CODE, min = 0, max = OperationParam.MAX_UNLIMITED) List<StringType> codes,
                                      RequestDetails request) {
        Optional<AccessToken> token = AccessToken.of(request);
        // Without a token the node runs with security off (local development): the caller is anonymous.
        if (token.isPresent() && !token.get().purposeOfUse().map(TREAT::equals).orElse(false)) {
            throw new ForbiddenOperationException(NAME + " releases other hospitals' results for treatment only: the token's"
                    + " purpose_of_use must be " + TREAT + ", not " + token.get().purposeOfUse().orElse("(none)"));
        }
        Optional<StoredResource> patient = repository.read("Patient", patientId.getIdPart());
        if (patient.isEmpty() || patient.get().deleted()) {
            throw new ResourceNotFoundException(new IdType("Patient", patientId.getIdPart()));
        }
        List<String> itemCodes = itemCodes(codes);
        try {
            RecognitionAnswer answer = recognition.recognise(patientId.getIdPart(), itemCodes,
                    token.map(AccessToken::subject).orElse("anonymous"));
            return bundles.of(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalErrorException("interrupted while waiting for the exchange", e);
        }
    }

    /** Each {@code code} as {@code system|code} (the FHIR token form; a bare code matches any system). */
    private static List<String> itemCodes(List<StringType> codes) {
        if (codes == null || codes.isEmpty()) {
            throw new InvalidRequestException(CODE + ": at least one test is required, as system|code (e.g. "
                    + CODE + "=http://loinc.org|4548-4)");
        }
        Set<String> itemCodes = new LinkedHashSet<>();
        for (StringType code : codes) {
            for (String value : code.getValueNotNull().split(",")) {
                String trimmed = value.strip();
                int bar = trimmed.indexOf('|');
                String system = bar < 0 ? "" : trimmed.substring(0, bar);
                String item = bar < 0 ? trimmed : trimmed.substring(bar + 1);
                if (item.isBlank() || item.contains("|") || item.chars().anyMatch(Character::isWhitespace)
                        || system.chars().anyMatch(Character::isWhitespace)) {
                    throw new InvalidRequestException(CODE + ": '" + value + "' is not a token system|code (e.g. http://loinc.org|4548-4)");
                }
                itemCodes.add(ItemCodes.of(system, item));
            }
        }
        return new ArrayList<>(itemCodes);
    }
}
