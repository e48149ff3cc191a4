package rhix.node.store.search;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import rhix.node.store.search.SearchIndexRows.DateRange;
import rhix.node.store.search.SearchIndexRows.Text;
import rhix.node.store.search.SearchIndexRows.Token;

/**
 * Extracts the index rows of a resource from the parameters in {@link IndexedParameters}, walking
 * HAPI's element definitions (the same model the parser uses), so it needs no FHIRPath engine.
 */
public final class SearchIndexer {

    private static final int MAX_INDEXED_LENGTH = 255;

    private final FhirContext fhirContext;

    public SearchIndexer(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        IndexedParameters.verifiedAgainst(fhirContext);
    }

    public SearchIndexRows index(IBaseResource resource) {
        String resourceType = fhirContext.getResourceType(resource);
        List<Token> tokens = new ArrayList<>();
        List<SearchIndexRows.Reference> references = new ArrayList<>();
        List<DateRange> dates = new ArrayList<>();
        List<Text> strings = new ArrayList<>();
        for (IndexedParameter parameter : IndexedParameters.forType(resourceType)) {
            for (String path : parameter.paths()) {
                for (IBase value : valuesAt(resource, path)) {
                    switch (parameter.type()) {
                        case TOKEN -> addTokens(parameter.name(), value, tokens);
                        case REFERENCE -> addReference(parameter, value, references);
                        case DATE -> addDate(parameter.name(), value, dates);
                        case STRING -> addStrings(parameter.name(), value, strings);
                        default -> throw new IllegalStateException("unsupported parameter type " + parameter.type());
                    }
                }
            }
        }
        return new SearchIndexRows(tokens, references, dates, strings);
    }

    /** Case-, width- and accent-insensitive form used for string search. */
    public static String normalize(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String lower = decomposed.toLowerCase(Locale.ROOT).strip();
        return lower.length() > MAX_INDEXED_LENGTH ? lower.substring(0, MAX_INDEXED_LENGTH) : lower;
    }

    private List<IBase> valuesAt(IBaseResource resource, String path) {
        List<IBase> current = List.of(resource);
        for (String segment : path.split("\\.")) {
            List<IBase> next = new ArrayList<>();
            for (IBase element : current) {
                BaseRuntimeElementDefinition<?> definition = fhirContext.getElementDefinition(element.getClass());
                if (!(definition instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
                    continue;
                }
                BaseRuntimeChildDefinition child = composite.getChildByName(segment);
                if (child == null) {
                    child = composite.getChildByName(segment + "[x]");
                }
                if (child == null) {
                    throw new IllegalStateException("no element '" + segment + "' in " + definition.getName()
                            + " (indexed path " + path + ")");
                }
                next.addAll(child.getAccessor().getValues(element));
            }
            current = next;
        }
        return current;
    }

    private static void addTokens(String param, IBase value, List<Token> tokens) {
        switch (value) {
            case CodeableConcept concept -> {
                for (Coding coding : concept.getCoding()) {
                    addToken(param, coding.getSystem(), coding.getCode(), tokens);
                }
            }
            case Coding coding -> addToken(param, coding.getSystem(), coding.getCode(), tokens);
            case Identifier identifier -> addToken(param, identifier.getSystem(), identifier.getValue(), tokens);
            case ContactPoint contact -> addToken(param, contact.hasSystem() ? contact.getSystem().toCode() : null,
                    contact.getValue(), tokens);
            case Reference reference when reference.hasIdentifier() ->
                    addToken(param, reference.getIdentifier().getSystem(), reference.getIdentifier().getValue(), tokens);
            case PrimitiveType<?> primitive -> addToken(param, null, primitive.getValueAsString(), tokens);
            default -> {
                // Other shapes carry no token value for the parameters indexed here.
            }
        }
    }

    private static void addToken(String param, String system, String code, List<Token> tokens) {
        if (code != null && !code.isBlank()) {
            tokens.add(new Token(param, system, clip(code)));
        }
    }

    private static void addReference(IndexedParameter parameter, IBase value, List<SearchIndexRows.Reference> references) {
        if (!(value instanceof Reference reference) || !reference.hasReference()) {
            return;
        }
        var target = reference.getReferenceElement();
        if (target.isAbsolute() || target.isLocal() || !target.hasResourceType() || !target.hasIdPart()) {
            return;
        }
        // "patient" is the subject only when the subject is a Patient.
        if (parameter.name().equals("patient") && !target.getResourceType().equals("Patient")) {
            return;
        }
        references.add(new SearchIndexRows.Reference(parameter.name(), target.getResourceType(), target.getIdPart()));
    }

    private static void addDate(String param, IBase value, List<DateRange> dates) {
        switch (value) {
            case BaseDateTimeType dateTime when dateTime.getValue() != null ->
                    dates.add(new DateRange(param, dateTime.getValue().toInstant(), endOf(dateTime)));
            case Period period when period.hasStart() || period.hasEnd() -> dates.add(new DateRange(param,
                    period.hasStart() ? period.getStartElement().getValue().toInstant() : null,
                    period.hasEnd() ? endOf(period.getEndElement()) : null));
            default -> {
                // An empty date or an Age/Range onset is not indexed as a date.
            }
        }
    }

    /** The last instant a date at its own precision covers: 2024-03 ends at 2024-03-31T23:59:59.999. */
    private static Instant endOf(BaseDateTimeType dateTime) {
        return dateTime.getPrecision().add(dateTime.getValue(), 1).toInstant().minusMillis(1);
    }

    private static void addStrings(String param, IBase value, List<Text> strings) {
        switch (value) {
            case HumanName name -> {
                addString(param, name.getText(), strings);
                addString(param, name.getFamily(), strings);
                name.getGiven().forEach(given -> addString(param, given.getValue(), strings));
                if (name.hasFamily() && name.hasGiven()) {
                    addString(param, name.getFamily() + name.getGivenAsSingleString().replace(" ", ""), strings);
                }
            }
            case Address address -> {
                addString(param, address.getText(), strings);
                address.getLine().forEach(line -> addString(param, line.getValue(), strings));
                addString(param, address.getCity(), strings);
                addString(param, address.getDistrict(), strings);
                addString(param, address.getState(), strings);
            }
            case StringType text -> addString(param, text.getValue(), strings);
            default -> {
            }
        }
    }

    private static void addString(String param, String text, List<Text> strings) {
        if (text != null && !text.isBlank()) {
            strings.add(new Text(param, normalize(text)));
        }
    }

    private static String clip(String value) {
        return value.length() > MAX_INDEXED_LENGTH ? value.substring(0, MAX_INDEXED_LENGTH) : value;
    }
}
