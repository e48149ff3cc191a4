package rhix.fhir.facade.provider;

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
import rhix.fhir.facade.store.SearchCriterion;

/** Builds the store's criteria from HAPI's typed search parameters, refusing what the store cannot answer. */
final class SearchCriteria {

    private final List<SearchCriterion> criteria = new ArrayList<>();

    List<SearchCriterion> build() {
        return List.copyOf(criteria);
    }

    SearchCriteria id(TokenParam id) {
        if (id != null) {
            criteria.add(new SearchCriterion.Id(id.getValue()));
        }
        return this;
    }

    SearchCriteria token(String parameter, TokenParam token) {
        if (token != null) {
            if (token.getModifier() != null) {
                throw new InvalidRequestException("modifier :" + token.getModifier().getValue() + " on " + parameter
                        + " is not supported");
            }
            String system = token.getSystem() == null || token.getSystem().isBlank() ? null : token.getSystem();
            criteria.add(new SearchCriterion.Token(parameter, system, token.getValue()));
        }
        return this;
    }

    SearchCriteria reference(String parameter, ReferenceParam reference, String impliedType) {
        if (reference != null) {
            if (reference.getChain() != null) {
                throw new InvalidRequestException("chained search " + parameter + "." + reference.getChain()
                        + " is not supported yet");
            }
            String type = reference.getResourceType() != null ? reference.getResourceType() : impliedType;
            criteria.add(new SearchCriterion.Reference(parameter, type, reference.getIdPart()));
        }
        return this;
    }

    SearchCriteria date(String parameter, DateRangeParam range) {
        if (range == null) {
            return this;
        }
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
            criteria.add(new SearchCriterion.Date(parameter, storePrefix, low, high));
        }
        return this;
    }

    SearchCriteria text(String parameter, StringParam text) {
        if (text != null) {
            if (text.isExact() || text.isContains()) {
                throw new InvalidRequestException(":exact and :contains on " + parameter + " are not supported yet");
            }
            String decomposed = Normalizer.normalize(text.getValue(), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
            criteria.add(new SearchCriterion.TextStartsWith(parameter, decomposed.toLowerCase(Locale.ROOT).strip()));
        }
        return this;
    }
}
