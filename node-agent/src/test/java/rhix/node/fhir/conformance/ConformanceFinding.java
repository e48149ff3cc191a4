package rhix.node.fhir.conformance;

import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * One validation error in a response a test client received.
 *
 * @param request  the request whose response held it ({@code GET http://…/fhir/Observation?…})
 * @param resource the resource validated ({@code Observation/f-o1}, or the response's type)
 * @param location the FHIRPath of the element
 * @param message  what the validator said
 */
public record ConformanceFinding(String request, String resource, String location, String message) {

    static ConformanceFinding of(String request, String resource, SingleValidationMessage message) {
        return new ConformanceFinding(request, resource, message.getLocationString(), message.getMessage());
    }

    @Override
    public String toString() {
        return request + " → " + resource + " at " + location + ": " + message;
    }
}
