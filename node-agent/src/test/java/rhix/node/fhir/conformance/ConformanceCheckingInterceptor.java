package rhix.node.fhir.conformance;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Registered on a test's HAPI client, validates every resource in every response body the client
 * receives — success or error (OperationOutcome), a Bundle as a whole and then each entry's resource on
 * its own, so a finding names the resource it is about — against the R4 core profiles, and collects the
 * errors. A test asserts {@code findings()} is empty (typically in {@code @AfterEach}).
 */
public final class ConformanceCheckingInterceptor implements IClientInterceptor {

    private final List<ConformanceFinding> findings = new CopyOnWriteArrayList<>();
    private final ThreadLocal<String> currentRequest = new ThreadLocal<>();
    private volatile int responsesChecked;

    @Override
    public void interceptRequest(IHttpRequest request) {
        currentRequest.set(request.getHttpVerbName() + " " + request.getUri());
    }

    @Override
    public void interceptResponse(IHttpResponse response) throws IOException {
        String request = currentRequest.get();
        String mimeType = response.getMimeType();
        if (mimeType == null || !(mimeType.contains("json") || mimeType.contains("xml"))) {
            return;
        }
        // Buffered, so the client can still read the body after us.
        response.bufferEntity();
        String body;
        try (InputStream entity = response.readEntity()) {
            body = new String(entity.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (body.isBlank()) {
            return;
        }
        check(request, body, mimeType.contains("xml"));
        responsesChecked++;
    }

    private void check(String request, String body, boolean xml) {
        IParser parser = xml ? R4CoreValidator.fhirContext().newXmlParser() : R4CoreValidator.fhirContext().newJsonParser();
        IBaseResource resource;
        try {
            resource = parser.parseResource(body);
        } catch (DataFormatException e) {
            findings.add(new ConformanceFinding(request, "(response body)", "", "not a FHIR resource: " + e.getMessage()));
            return;
        }
        if (resource instanceof org.hl7.fhir.r4.model.Resource top && isSubsetted(top)) {
            return;
        }
        List<SingleValidationMessage> errors = R4CoreValidator.errors(body);
        if (resource instanceof Bundle) {
            // The entries' own errors are reported below, per resource.
            errors = errors.stream().filter(error -> !isInsideAnEntryResource(error)).toList();
        }
        record(request, describe(resource), errors);
        if (resource instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.hasResource() && !isSubsetted(entry.getResource())) {
                    record(request, describe(entry.getResource()), R4CoreValidator.errors(entry.getResource()));
                }
            }
        }
    }

    /**
     * A resource cut down by {@code _elements} or {@code _summary} carries the SUBSETTED tag and, by the
     * specification, need not meet its profile's cardinalities: it is not validated.
     */
    private static boolean isSubsetted(org.hl7.fhir.r4.model.Resource resource) {
        return resource.getMeta().getTag().stream().anyMatch(tag -> "SUBSETTED".equals(tag.getCode())
                && "http://terminology.hl7.org/CodeSystem/v3-ObservationValue".equals(tag.getSystem()));
    }

    private static boolean isInsideAnEntryResource(SingleValidationMessage error) {
        String location = error.getLocationString();
        return location != null && location.matches("Bundle\\.entry\\[\\d+]\\.resource.*");
    }

    private void record(String request, String resource, List<SingleValidationMessage> errors) {
        errors.forEach(error -> findings.add(ConformanceFinding.of(request, resource, error)));
    }

    private static String describe(IBaseResource resource) {
        String type = R4CoreValidator.fhirContext().getResourceType(resource);
        return resource.getIdElement().hasIdPart() ? type + "/" + resource.getIdElement().getIdPart() : type;
    }

    /** The errors found so far, in the order the responses came. */
    public List<ConformanceFinding> findings() {
        return List.copyOf(findings);
    }

    /** How many response bodies were validated: lets a test show the check actually ran. */
    public int responsesChecked() {
        return responsesChecked;
    }

    /** The errors found since the last call, and forgets them: one test's findings do not fail the next. */
    public synchronized List<ConformanceFinding> takeFindings() {
        List<ConformanceFinding> taken = List.copyOf(findings);
        findings.removeAll(taken);
        return taken;
    }
}
