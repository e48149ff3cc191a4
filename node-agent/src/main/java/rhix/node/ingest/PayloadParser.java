package rhix.node.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import rhix.node.store.ResourceKey;

/**
 * Reads a payload with HAPI's strict parser: unknown elements, wrong types and bad JSON or XML are
 * errors, each reported with where it happened, and parsing goes on so that one reply lists them all.
 */
@Singleton
public class PayloadParser {

    private static final String URN_UUID = "urn:uuid:";

    private final FhirContext fhirContext;

    public PayloadParser(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public ParsedPayload parse(byte[] payload, PayloadFormat format) {
        return switch (format) {
            case NDJSON -> parseNdjson(new String(payload, StandardCharsets.UTF_8));
            case BUNDLE_JSON -> parseBundle(new String(payload, StandardCharsets.UTF_8), strict(fhirContext.newJsonParser()));
            case BUNDLE_XML -> parseBundle(new String(payload, StandardCharsets.UTF_8), strict(fhirContext.newXmlParser()));
            case FHIR_REST -> throw new IllegalArgumentException("FHIR API writes arrive parsed, through FhirWriteService");
        };
    }

    private ParsedPayload parseNdjson(String text) {
        IParser parser = strict(fhirContext.newJsonParser());
        List<IncomingResource> resources = new ArrayList<>();
        List<IngestProblem> problems = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String location = "line " + lineNumber;
            try {
                IBaseResource resource = parser.parseResource(line);
                identified(location, resource).ifPresentOrElse(resources::add,
                        () -> problems.add(missingId(location, resource)));
            } catch (DataFormatException e) {
                problems.add(new IngestProblem(location, null, IssueType.STRUCTURE, e.getMessage(), null));
            }
        }
        return new ParsedPayload(resources, problems);
    }

    private ParsedPayload parseBundle(String text, IParser parser) {
        List<IncomingResource> resources = new ArrayList<>();
        List<IngestProblem> problems = new ArrayList<>();
        Bundle bundle;
        try {
            IBaseResource parsed = parser.parseResource(text);
            if (!(parsed instanceof Bundle asBundle)) {
                problems.add(new IngestProblem("payload", null, IssueType.STRUCTURE,
                        "expected a Bundle (or NDJSON with Content-Type application/fhir+ndjson), got a "
                                + fhirContext.getResourceType(parsed), null));
                return new ParsedPayload(resources, problems);
            }
            bundle = asBundle;
        } catch (DataFormatException e) {
            problems.add(new IngestProblem("payload", null, IssueType.STRUCTURE, e.getMessage(), null));
            return new ParsedPayload(resources, problems);
        }
        if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH
                && bundle.getType() != Bundle.BundleType.COLLECTION) {
            problems.add(new IngestProblem("Bundle.type", null, IssueType.NOTSUPPORTED,
                    "Bundle.type must be transaction, batch or collection, not " + bundle.getType(), "Bundle.type"));
            return new ParsedPayload(resources, problems);
        }
        Map<String, String> uuidToReference = new HashMap<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            String location = "Bundle.entry[" + i + "]";
            if (!entry.hasResource()) {
                problems.add(new IngestProblem(location, null, IssueType.REQUIRED, "entry has no resource",
                        location + ".resource"));
                continue;
            }
            if (entry.hasRequest() && entry.getRequest().getMethod() == Bundle.HTTPVerb.DELETE) {
                problems.add(new IngestProblem(location, null, IssueType.NOTSUPPORTED,
                        "ingestion does not delete; use the node's FHIR API", location + ".request.method"));
                continue;
            }
            Resource resource = entry.getResource();
            // A client-assigned urn:uuid names a new resource: it keeps the uuid as its id. (HAPI's
            // parser copies the fullUrl into the id of a resource that has none.)
            String fullUrl = entry.getFullUrl();
            if (fullUrl != null && fullUrl.startsWith(URN_UUID)
                    && (resource.getIdElement().isEmpty() || fullUrl.equals(resource.getIdElement().getValue()))) {
                String uuid = fullUrl.substring(URN_UUID.length());
                resource.setId(uuid);
                uuidToReference.put(fullUrl, resource.fhirType() + "/" + uuid);
            }
            final String at = location;
            identified(location, resource).ifPresentOrElse(resources::add,
                    () -> problems.add(missingId(at, resource)));
        }
        if (!uuidToReference.isEmpty()) {
            for (IncomingResource incoming : resources) {
                for (IBaseReference reference : fhirContext.newTerser()
                        .getAllPopulatedChildElementsOfType(incoming.resource(), IBaseReference.class)) {
                    String target = reference.getReferenceElement().getValue();
                    if (target != null && uuidToReference.containsKey(target)) {
                        reference.setReference(uuidToReference.get(target));
                    }
                }
            }
        }
        return new ParsedPayload(resources, problems);
    }

    private java.util.Optional<IncomingResource> identified(String location, IBaseResource resource) {
        String id = resource.getIdElement().getIdPart();
        if (id == null || id.isBlank()) {
            return java.util.Optional.empty();
        }
        // Whatever version the source had, the store assigns its own.
        resource.setId(resource.getIdElement().toUnqualifiedVersionless());
        return java.util.Optional.of(new IncomingResource(location,
                new ResourceKey(fhirContext.getResourceType(resource), id), resource));
    }

    private IngestProblem missingId(String location, IBaseResource resource) {
        return new IngestProblem(location, null, IssueType.REQUIRED,
                fhirContext.getResourceType(resource) + " has no id: ingestion keeps the source's ids so that"
                        + " sending the same data again changes nothing", fhirContext.getResourceType(resource) + ".id");
    }

    private static IParser strict(IParser parser) {
        return parser.setParserErrorHandler(new StrictErrorHandler());
    }
}
