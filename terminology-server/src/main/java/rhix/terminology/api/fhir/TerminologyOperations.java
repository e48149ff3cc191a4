package rhix.terminology.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.convertors.factory.VersionConvertorFactory_40_50;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;
import rhix.terminology.engine.TerminologyContext;
import rhix.terminology.engine.TerminologyEngine;
import rhix.terminology.engine.TerminologyFailure;

/**
 * The FHIR terminology operations at type level. They read their input themselves ({@code manualRequest}):
 * the suite and real clients send parameters HAPI's typed binding does not know (tx-resource, cache-id, the
 * R5 names of $translate), all of which the engine understands.
 */
public final class TerminologyOperations {

    private final FhirContext fhirContext;
    private final TerminologyEngine engine;

    public TerminologyOperations(FhirContext fhirContext, TerminologyEngine engine) {
        this.fhirContext = fhirContext;
        this.engine = engine;
    }

    @Operation(name = "$lookup", type = CodeSystem.class, idempotent = true, manualRequest = true)
    public IBaseResource lookup(HttpServletRequest request) {
        return run(request, (context, in) -> context.lookup(in.parameters(), in.acceptLanguage()));
    }

    @Operation(name = "$validate-code", type = CodeSystem.class, idempotent = true, manualRequest = true)
    public IBaseResource validateCodeInCodeSystem(HttpServletRequest request) {
        return run(request, (context, in) -> context.validateCode(in.parameters(), true, in.acceptLanguage()));
    }

    @Operation(name = "$subsumes", type = CodeSystem.class, idempotent = true, manualRequest = true)
    public IBaseResource subsumes(HttpServletRequest request) {
        return run(request, (context, in) -> context.subsumes(in.parameters()));
    }

    @Operation(name = "$expand", type = ValueSet.class, idempotent = true, manualRequest = true)
    public IBaseResource expand(HttpServletRequest request) {
        return run(request, (context, in) -> context.expand(in.parameters(), in.acceptLanguage(),
                in.costThreshold() == null ? context.maximumExpansionSize() : Math.min(in.costThreshold(), context.maximumExpansionSize())));
    }

    @Operation(name = "$validate-code", type = ValueSet.class, idempotent = true, manualRequest = true)
    public IBaseResource validateCodeInValueSet(HttpServletRequest request) {
        return run(request, (context, in) -> context.validateCode(in.parameters(), false, in.acceptLanguage()));
    }

    @Operation(name = "$translate", type = ConceptMap.class, idempotent = true, manualRequest = true)
    public IBaseResource translate(HttpServletRequest request) {
        return run(request, (context, in) -> context.translate(in.parameters()));
    }

    /** {@code $versions}: the FHIR versions this server speaks (the suite's runner asks before anything else). */
    @Operation(name = "$versions", idempotent = true)
    public Parameters versions() {
        Parameters versions = new Parameters();
        versions.addParameter("version", "4.0");
        versions.addParameter("default", "4.0");
        return versions;
    }

    private interface Call {
        org.hl7.fhir.r5.model.Resource apply(TerminologyContext context, RequestParameters input);
    }

    private IBaseResource run(HttpServletRequest request, Call call) {
        RequestParameters input = RequestParameters.read(fhirContext, request);
        try {
            TerminologyContext context = engine.contextFor(input.suppliedResources(), input.cacheId());
            return VersionConvertorFactory_40_50.convertResource(call.apply(context, input));
        } catch (TerminologyFailure failure) {
            throw OperationFailures.toHttp(failure);
        }
    }

}
