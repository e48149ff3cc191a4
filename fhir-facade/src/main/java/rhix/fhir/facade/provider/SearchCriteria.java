package rhix.fhir.facade.provider;

import ca.uhn.fhir.model.api.IQueryParameterOr;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.param.BaseAndListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import rhix.fhir.facade.store.IncludeRequest;
import rhix.fhir.facade.store.SearchCriterion;
import rhix.fhir.facade.store.SortOrder;

/**
 * Builds a {@link SearchRequest} from HAPI's typed search parameters, refusing with a precise 400 what
 * the store cannot answer. Repeated parameters are AND-ed; comma-separated values of one parameter
 * become one {@link SearchCriterion.AnyOf}.
 */
final class SearchCriteria {

    /** Chains a reference parameter may carry, by the type of the target's parameter they search. */
    private static final List<String> TOKEN_CHAINS = List.of("identifier");
    private static final List<String> STRING_CHAINS = List.of("name", "family");

    private final String resourceType;
    private final List<SearchCriterion> criteria = new ArrayList<>();
    private final List<SortOrder> order = new ArrayList<>();
    private final List<IncludeRequest> includes = new ArrayList<>();

    SearchCriteria(String resourceType) {
        this.resourceType = resourceType;
    }

    SearchRequest build() {
        return new SearchRequest(criteria, order, includes);
    }

    SearchCriteria id(BaseAndListParam<? extends IQueryParameterOr<TokenParam>> ids) {
        return and("_id", ids, id -> new SearchCriterion.Id(plainToken("_id", id).getValue()));
    }

    SearchCriteria lastUpdated(DateRangeParam range) {
        for (DateRange date : dateRanges("_lastUpdated", range)) {
            criteria.add(new SearchCriterion.LastUpdated(date.prefix(), date.low(), date.high()));
        }
        return this;
    }

    SearchCriteria token(String parameter, BaseAndListParam<? extends IQueryParameterOr<TokenParam>> tokens) {
        return and(parameter, tokens, token -> token(parameter, token));
    }

    SearchCriteria reference(String parameter, BaseAndListParam<? extends IQueryParameterOr<ReferenceParam>> references,
                             String impliedType) {
        return and(parameter, references, reference -> reference(parameter, reference, impliedType));
    }

    SearchCriteria text(String parameter, BaseAndListParam<? extends IQueryParameterOr<StringParam>> texts) {
        return and(parameter, texts, text -> text(parameter, text));
    }

    SearchCriteria date(String parameter, DateRangeParam range) {
        for (DateRange date : dateRanges(parameter, range)) {
            criteria.add(new SearchCriterion.Date(parameter, date.prefix(), date.low(), date.high()));
        }
        return this;
    }

    /** {@code _sort} by {@code _id}, {@code _lastUpdated} or one of the type's date parameters. */
    SearchCriteria sort(SortSpec sort, String... dateParameters) {
        List<String> sortable = new ArrayList<>(List.of("_id", "_lastUpdated"));
        sortable.addAll(List.of(dateParameters));
        for (SortSpec key = sort; key != null; key = key.getChain()) {
            if (!sortable.contains(key.getParamName())) {
                throw new InvalidRequestException("cannot sort " + resourceType + " by '" + key.getParamName()
                        + "'; sortable: " + String.join(", ", sortable));
            }
            order.add(new SortOrder(key.getParamName(), key.getOrder() == SortOrderEnum.DESC));
        }
        return this;
    }

    /**
     * {@code _include} and {@code _revinclude}; HAPI has already refused values outside the provider's
     * allowed lists, which name only indexed reference parameters.
     */
    SearchCriteria include(Set<Include> forward, Set<Include> reverse) {
        for (Include include : withoutIterate(forward)) {
            includes.add(new IncludeRequest(resourceType, include.getParamName(), include.getParamTargetType(), false));
        }
        for (Include include : withoutIterate(reverse)) {
            includes.add(new IncludeRequest(include.getParamType(), include.getParamName(), resourceType, true));
        }
        return this;
    }

    /** The includes, none if null; {@code :iterate} is refused, since includes are read one level deep. */
    private static Set<Include> withoutIterate(Set<Include> includes) {
        if (includes == null) {
            return Set.of();
        }
        for (Include include : includes) {
            if (include.isRecurse()) {
                throw new InvalidRequestException(include.getValue() + ": :iterate is not supported");
            }
        }
        return includes;
    }

    private <P extends IQueryParameterType> SearchCriteria and(String parameter,
                                                               BaseAndListParam<? extends IQueryParameterOr<P>> all,
                                                               Function<P, SearchCriterion> toCriterion) {
        if (all == null) {
            return this;
        }
        for (IQueryParameterOr<P> anyOf : all.getValuesAsQueryTokens()) {
            List<SearchCriterion> alternatives = anyOf.getValuesAsQueryTokens().stream().map(toCriterion).toList();
            criteria.add(alternatives.size() == 1 ? alternatives.getFirst()
                    : new SearchCriterion.AnyOf(parameter, alternatives));
        }
        return this;
    }

    private static SearchCriterion token(String parameter, TokenParam token) {
        plainToken(parameter, token);
        // HAPI keeps "|code" as an empty system and "code" as none: FHIR's "no system" and "any system".
        String system = token.getSystem() == null ? null : token.getSystem().strip();
        return new SearchCriterion.Token(parameter, system, token.getValue());
    }

    /** The token itself, refused when it has a modifier or no code: the index answers only plain codes. */
    private static TokenParam plainToken(String parameter, TokenParam token) {
        if (token.getModifier() != null) {
            throw new InvalidRequestException("modifier :" + token.getModifier().getValue() + " on " + parameter
                    + " is not supported");
        }
        if (token.getMissing() != null) {
            throw new InvalidRequestException("modifier :missing on " + parameter + " is not supported");
        }
        if (token.getValue() == null || token.getValue().isBlank()) {
            throw new InvalidRequestException(parameter + " needs a code (system| alone is not supported)");
        }
        return token;
    }

    private static SearchCriterion reference(String parameter, ReferenceParam reference, String impliedType) {
        if (reference.getMissing() != null) {
            throw new InvalidRequestException("modifier :missing on " + parameter + " is not supported");
        }
        String type = reference.getResourceType() != null ? reference.getResourceType() : impliedType;
        String chain = reference.getChain();
        if (chain == null || chain.isEmpty()) {
            return new SearchCriterion.Reference(parameter, type, reference.getIdPart());
        }
        String value = reference.getValue();
        if (TOKEN_CHAINS.contains(chain)) {
            int bar = value.indexOf('|');
            String system = bar >= 0 ? value.substring(0, bar) : null;
            return new SearchCriterion.Chained(parameter, type,
                    new SearchCriterion.Token(chain, system, bar >= 0 ? value.substring(bar + 1) : value));
        }
        if (STRING_CHAINS.contains(chain)) {
            return new SearchCriterion.Chained(parameter, type, new SearchCriterion.TextStartsWith(chain, normalize(value)));
        }
        throw new InvalidRequestException("chained search " + parameter + "." + chain + " is not supported (chains: "
                + String.join(", ", TOKEN_CHAINS) + ", " + String.join(", ", STRING_CHAINS) + ")");
    }

    private static SearchCriterion text(String parameter, StringParam text) {
        if (text.isExact()) {
            throw new InvalidRequestException(":exact on " + parameter
                    + " is not supported (the index keeps only a case- and accent-folded form)");
        }
        if (text.getMissing() != null) {
            throw new InvalidRequestException("modifier :missing on " + parameter + " is not supported");
        }
        return text.isContains() ? new SearchCriterion.TextContains(parameter, normalize(text.getValue()))
                : new SearchCriterion.TextStartsWith(parameter, normalize(text.getValue()));
    }

    /** The same folding the store's indexer applies to the values it indexes. */
    private static String normalize(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return decomposed.toLowerCase(Locale.ROOT).strip();
    }

    private record DateRange(SearchCriterion.DatePrefix prefix, Instant low, Instant high) {
    }

    private static List<DateRange> dateRanges(String parameter, DateRangeParam range) {
        if (range == null) {
            return List.of();
        }
        List<DateRange> ranges = new ArrayList<>();
        for (DateParam date : range.getValuesAsQueryTokens()) {
            ParamPrefixEnum prefix = date.getPrefix() == null ? ParamPrefixEnum.EQUAL : date.getPrefix();
            SearchCriterion.DatePrefix storePrefix = switch (prefix) {
                case EQUAL -> SearchCriterion.DatePrefix.EQ;
                case GREATERTHAN_OR_EQUALS -> SearchCriterion.DatePrefix.GE;
                case GREATERTHAN -> SearchCriterion.DatePrefix.GT;
                case LESSTHAN_OR_EQUALS -> SearchCriterion.DatePrefix.LE;
                case LESSTHAN -> SearchCriterion.DatePrefix.LT;
                default -> throw new InvalidRequestException("date prefix " + prefix.getValue() + " on " + parameter
                        + " is not supported (use eq, ge, gt, le, lt)");
            };
            Instant low = date.getValue().toInstant();
            Instant high = date.getPrecision().add(date.getValue(), 1).toInstant().minusMillis(1);
            ranges.add(new DateRange(storePrefix, low, high));
        }
        return ranges;
    }
}
