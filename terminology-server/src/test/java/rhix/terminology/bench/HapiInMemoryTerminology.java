package rhix.terminology.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The baseline: HAPI's in-memory terminology ({@link InMemoryTerminologyServerValidationSupport}) in the chain HAPI's
 * validator builds (the core profiles from {@link DefaultProfileValidationSupport}, the content from a
 * {@link PrePopulatedValidationSupport}), holding the same CodeSystem, ValueSet and ConceptMap as our store.
 * Calls go to the in-memory support itself, with the chain as the root that resolves code systems.
 */
final class HapiInMemoryTerminology {

    private final FhirContext fhirContext;
    private final InMemoryTerminologyServerValidationSupport inMemory;
    private final ValidationSupportChain chain;
    private final ValidationSupportContext supportContext;

    HapiInMemoryTerminology(FhirContext fhirContext, OperationsContent content) {
        this.fhirContext = fhirContext;
        PrePopulatedValidationSupport prePopulated = new PrePopulatedValidationSupport(fhirContext);
        prePopulated.addCodeSystem(content.codeSystem());
        prePopulated.addValueSet(content.valueSet());
        prePopulated.addResource(content.conceptMap());
        this.inMemory = new InMemoryTerminologyServerValidationSupport(fhirContext);
        this.chain = new ValidationSupportChain(new DefaultProfileValidationSupport(fhirContext), inMemory, prePopulated);
        this.supportContext = new ValidationSupportContext(chain);
    }

    FhirContext fhirContext() {
        return fhirContext;
    }

    IBaseResource valueSet(String url) {
        return chain.fetchValueSet(url);
    }

    IValidationSupport.CodeValidationResult validateCodeInValueSet(String system, String code, IBaseResource valueSet) {
        return inMemory.validateCodeInValueSet(supportContext, new ConceptValidationOptions(), system, code, null, valueSet);
    }

    /** HAPI's in-memory expansion ignores the options' count and offset: it always expands the whole value set. */
    IValidationSupport.ValueSetExpansionOutcome expandValueSet(IBaseResource valueSet) {
        return inMemory.expandValueSet(supportContext, new ValueSetExpansionOptions(), valueSet);
    }
}
