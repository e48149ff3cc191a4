package rhix.fhir.facade.validation;

import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * What {@code POST [type]/$validate} asks of the server it runs in: judge one resource, store nothing. The node
 * agent implements it with HAPI's instance validator and the region's terminology server; a facade given no
 * validator does not offer {@code $validate} at all.
 */
public interface ResourceValidator {

    /**
     * Every finding about the resource as an issue (severity error or fatal for what makes it invalid). A
     * validator that could not consult something (a terminology server that did not answer) says so as a
     * warning issue and judges the rest; it throws only for its own faults.
     */
    OperationOutcome validate(ValidationRequest request);
}
