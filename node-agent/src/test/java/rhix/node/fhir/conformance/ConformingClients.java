package rhix.node.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;

/**
 * HAPI generic clients of one test node's FHIR API: each sends the authorization it is given, and every
 * response any of them receives is validated against the R4 core profiles. A test class calls
 * {@link #assertEveryResponseConformed()} after each test.
 */
public final class ConformingClients {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final String baseUrl;
    private final ConformanceCheckingInterceptor conformance = new ConformanceCheckingInterceptor();

    public ConformingClients(String baseUrl) {
        this.baseUrl = baseUrl;
        // The CapabilityStatement is itself under test; the client must not fetch it on its own first.
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    public IGenericClient client(IClientInterceptor authorization) {
        IGenericClient client = FHIR.newRestfulGenericClient(baseUrl);
        client.registerInterceptor(authorization);
        client.registerInterceptor(conformance);
        return client;
    }

    /** How many responses were validated so far: proof that the check ran at all. */
    public int responsesChecked() {
        return conformance.responsesChecked();
    }

    public void assertEveryResponseConformed() {
        assertThat(conformance.takeFindings()).as("R4 validation errors in the responses").isEmpty();
    }
}
