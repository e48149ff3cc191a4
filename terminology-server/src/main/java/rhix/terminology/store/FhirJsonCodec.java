package rhix.terminology.store;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** The R4 JSON parser the store and loaders share (a FhirContext is costly to build; parsers are not thread-safe). */
public final class FhirJsonCodec {

    private static final FhirContext R4 = FhirContext.forR4Cached();

    public static FhirContext context() {
        return R4;
    }

    public static String encode(IBaseResource resource) {
        return parser().encodeResourceToString(resource);
    }

    public static <T extends IBaseResource> T decode(Class<T> type, String json) {
        return parser().parseResource(type, json);
    }

    public static IBaseResource decode(String json) {
        return parser().parseResource(json);
    }

    private static IParser parser() {
        return R4.newJsonParser();
    }

    private FhirJsonCodec() {
    }
}
