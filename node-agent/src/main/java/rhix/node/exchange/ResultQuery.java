package rhix.node.exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import rhix.api.exchange.v1.Coding;
import rhix.api.exchange.v1.FetchResultsRequest;

/**
 * A {@code FetchResultsRequest} whose fields have been checked: what the provider searches its store for.
 *
 * @param patientIds local Patient ids, each once, in the order asked
 * @param codings    requested codings, each once, in the order asked; an empty system matches any system
 * @param notBefore  only results effective after this instant
 * @param maxResults how many results to release at most (the request's, the default, capped)
 */
record ResultQuery(String exchangeId, String requestingNodeId, String requesterId, List<String> patientIds,
                   List<Coding> codings, Optional<Instant> notBefore, int maxResults) {

    /** FHIR's id type. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    /** A code is a token without leading or trailing space and without the search syntax's separators. */
    private static final Pattern CODE = Pattern.compile("[^\\s|,]([^|,]{0,254}[^\\s|,])?");
    private static final Pattern SYSTEM = Pattern.compile("[^\\s|,]{1,255}");

    ResultQuery {
        patientIds = List.copyOf(patientIds);
        codings = List.copyOf(codings);
    }

    /** The request's arguments checked field by field; the first broken one is named. Purpose is checked apart. */
    static ResultQuery of(FetchResultsRequest request, ExchangeProviderConfiguration limits) throws InvalidFetchRequestException {
        required("exchange_id", request.getExchangeId());
        required("requesting_node_id", request.getRequestingNodeId());
        required("requester.id", request.getRequester().getId());
        if (request.getLocalPatientIdsCount() == 0) {
            throw new InvalidFetchRequestException("local_patient_ids", "no local patient id given");
        }
        if (request.getLocalPatientIdsCount() > limits.maxPatientIds()) {
            throw new InvalidFetchRequestException("local_patient_ids", request.getLocalPatientIdsCount()
                    + " ids, more than the " + limits.maxPatientIds() + " one request may name");
        }
        LinkedHashSet<String> patients = new LinkedHashSet<>();
        for (int i = 0; i < request.getLocalPatientIdsCount(); i++) {
            String id = request.getLocalPatientIds(i);
            if (!FHIR_ID.matcher(id).matches()) {
                throw new InvalidFetchRequestException("local_patient_ids[" + i + "]",
                        "'" + id + "' is not a FHIR logical id (1-64 letters, digits, '-' or '.')");
            }
            patients.add(id);
        }
        if (request.getItemCodesCount() == 0) {
            throw new InvalidFetchRequestException("item_codes", "no test code given");
        }
        if (request.getItemCodesCount() > limits.maxItemCodes()) {
            throw new InvalidFetchRequestException("item_codes", request.getItemCodesCount()
                    + " codings, more than the " + limits.maxItemCodes() + " one request may name");
        }
        LinkedHashSet<Coding> codings = new LinkedHashSet<>();
        for (int i = 0; i < request.getItemCodesCount(); i++) {
            Coding coding = request.getItemCodes(i);
            if (!CODE.matcher(coding.getCode()).matches()) {
                throw new InvalidFetchRequestException("item_codes[" + i + "].code", coding.getCode().isEmpty()
                        ? "empty" : "'" + coding.getCode() + "' is not a code (no '|', ',' or surrounding space; at most 256 characters)");
            }
            if (!coding.getSystem().isEmpty() && !SYSTEM.matcher(coding.getSystem()).matches()) {
                throw new InvalidFetchRequestException("item_codes[" + i + "].system",
                        "'" + coding.getSystem() + "' is not a code system URI");
            }
            codings.add(coding);
        }
        if (request.getMaxResults() < 0) {
            throw new InvalidFetchRequestException("max_results", "must not be negative, got " + request.getMaxResults());
        }
        Optional<Instant> notBefore = Optional.empty();
        if (request.hasNotBefore()) {
            var timestamp = request.getNotBefore();
            // google.protobuf.Timestamp's range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
            if (timestamp.getSeconds() < -62_135_596_800L || timestamp.getSeconds() > 253_402_300_799L
                    || timestamp.getNanos() < 0 || timestamp.getNanos() > 999_999_999) {
                throw new InvalidFetchRequestException("not_before", "not a valid timestamp (seconds "
                        + timestamp.getSeconds() + ", nanos " + timestamp.getNanos() + ")");
            }
            notBefore = Optional.of(Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
        }
        int max = request.getMaxResults() == 0 ? limits.defaultMaxResults()
                : Math.min(request.getMaxResults(), limits.maxResultsCap());
        return new ResultQuery(request.getExchangeId(), request.getRequestingNodeId(), request.getRequester().getId(),
                new ArrayList<>(patients), new ArrayList<>(codings), notBefore, max);
    }

    private static void required(String field, String value) throws InvalidFetchRequestException {
        if (value.isBlank()) {
            throw new InvalidFetchRequestException(field, "required");
        }
    }
}
