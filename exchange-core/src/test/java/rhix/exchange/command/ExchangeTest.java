package rhix.exchange.command;

import static rhix.events.Refusals.refusedWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rhix.events.TransitionRefusedException;
import rhix.exchange.api.AuthoriseExchangeCommand;
import rhix.exchange.api.DenyExchangeCommand;
import rhix.exchange.api.ExchangeAuthorisedEvent;
import rhix.exchange.api.ExchangeCompletedEvent;
import rhix.exchange.api.ExchangeDeniedEvent;
import rhix.exchange.api.ExchangeExpiredEvent;
import rhix.exchange.api.ExchangeOutcome;
import rhix.exchange.api.ExchangeRequestedEvent;
import rhix.exchange.api.ExpireExchangeCommand;
import rhix.exchange.api.ProviderFailedEvent;
import rhix.exchange.api.ProviderReleasedEvent;
import rhix.exchange.api.RecordProviderFailureCommand;
import rhix.exchange.api.RecordReleaseCommand;
import rhix.exchange.api.RequestExchangeCommand;
import rhix.policy.PurposeOfUse;
import rhix.region.NodeId;

class ExchangeTest {

    private static final String EXCHANGE = "ex-1";
    private static final NodeId REQUESTING = NodeId.of("hospital-330102-01");
    private static final NodeId COUNTY_A = NodeId.of("county-330127");
    private static final NodeId COUNTY_B = NodeId.of("county-330203");
    private static final NodeId STRANGER = NodeId.of("county-320102");
    private static final String REQUESTER = "dr-0042";
    private static final String PATIENT = "EP-7f3a9c";
    private static final List<String> ITEMS = List.of("2345-7", "718-7");
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private static final Instant DEADLINE = NOW.plus(Duration.ofMinutes(5));

    private FixtureConfiguration<Exchange> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Exchange.class);
    }

    private static RequestExchangeCommand request(PurposeOfUse purpose) {
        return new RequestExchangeCommand(EXCHANGE, REQUESTING, REQUESTER, purpose, PATIENT, ITEMS, DEADLINE);
    }

    private static ExchangeRequestedEvent requested() {
        return new ExchangeRequestedEvent(EXCHANGE, REQUESTING, REQUESTER, PurposeOfUse.TREATMENT, PATIENT, ITEMS, DEADLINE);
    }

    private static ExchangeAuthorisedEvent authorised(NodeId... providers) {
        return new ExchangeAuthorisedEvent(EXCHANGE, List.of(providers));
    }

    private static ProviderReleasedEvent released(NodeId provider, String... resourceIds) {
        return new ProviderReleasedEvent(EXCHANGE, provider, resourceIds.length, List.of(resourceIds));
    }

    private static ProviderFailedEvent failed(NodeId provider) {
        return new ProviderFailedEvent(EXCHANGE, provider, "node did not answer", 3);
    }

    @Test
    void requestForTreatmentIsRecorded() {
        fixture.givenCurrentTime(NOW)
                .when(request(PurposeOfUse.TREATMENT))
                .expectEvents(requested());
    }

    @Test
    void requestForResearchIsRefusedBecauseExchangesServeTreatmentOnly() {
        fixture.givenCurrentTime(NOW)
                .when(request(PurposeOfUse.RESEARCH))
                .expectNoEvents()
                .expectException(refusedWith("EXCHANGE_PURPOSE_NOT_ALLOWED"))
                .expectExceptionMessage("EXCHANGE_PURPOSE_NOT_ALLOWED: an exchange of results serves TREATMENT only, "
                        + "not RESEARCH; research and public health use a data-use grant or a federated query");
    }

    @Test
    void requestForPublicHealthIsRefused() {
        fixture.givenCurrentTime(NOW)
                .when(request(PurposeOfUse.PUBLIC_HEALTH))
                .expectException(refusedWith("EXCHANGE_PURPOSE_NOT_ALLOWED"));
    }

    @Test
    void requestWithABlankRequesterIsInvalid() {
        fixture.givenCurrentTime(NOW)
                .when(new RequestExchangeCommand(EXCHANGE, REQUESTING, " ", PurposeOfUse.TREATMENT, PATIENT, ITEMS, DEADLINE))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("requester is blank");
    }

    @Test
    void requestWithoutItemCodesIsInvalid() {
        fixture.givenCurrentTime(NOW)
                .when(new RequestExchangeCommand(EXCHANGE, REQUESTING, REQUESTER, PurposeOfUse.TREATMENT, PATIENT, List.of(), DEADLINE))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("itemCodes is empty");
    }

    @Test
    void requestWithoutAPatientIsInvalid() {
        fixture.givenCurrentTime(NOW)
                .when(new RequestExchangeCommand(EXCHANGE, REQUESTING, REQUESTER, PurposeOfUse.TREATMENT, null, ITEMS, DEADLINE))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("enterprisePersonId is missing");
    }

    @Test
    void requestWhoseDeadlineHasPassedIsInvalid() {
        fixture.givenCurrentTime(DEADLINE)
                .when(request(PurposeOfUse.TREATMENT))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("deadline 2026-12-02T08:05:00Z is not after now (2026-12-02T08:05:00Z)");
    }

    @Test
    void requestingTheSameExchangeTwiceIsRefused() {
        fixture.given(requested())
                .andGivenCurrentTime(NOW)
                .when(request(PurposeOfUse.TREATMENT))
                .expectNoEvents()
                .expectException(refusedWith("EXCHANGE_ALREADY_REQUESTED"))
                .expectExceptionMessage("EXCHANGE_ALREADY_REQUESTED: exchange ex-1 was already requested and is REQUESTED; "
                        + "a new request needs a new exchange id");
    }

    @Test
    void authorisationRecordsTheProviders() {
        fixture.given(requested())
                .when(new AuthoriseExchangeCommand(EXCHANGE, List.of(COUNTY_A, COUNTY_B)))
                .expectEvents(authorised(COUNTY_A, COUNTY_B));
    }

    @Test
    void authorisationWithNoProvidersCompletesAtOnceWithNothingReleased() {
        fixture.given(requested())
                .when(new AuthoriseExchangeCommand(EXCHANGE, List.of()))
                .expectEvents(authorised(), new ExchangeCompletedEvent(EXCHANGE, ExchangeOutcome.COMPLETED, 0, List.of()));
    }

    @Test
    void authorisationNamingAProviderTwiceIsInvalid() {
        fixture.given(requested())
                .when(new AuthoriseExchangeCommand(EXCHANGE, List.of(COUNTY_A, COUNTY_A)))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("providers names 'county-330127' twice");
    }

    @Test
    void authorisingTwiceIsRefused() {
        fixture.given(requested(), authorised(COUNTY_A))
                .when(new AuthoriseExchangeCommand(EXCHANGE, List.of(COUNTY_B)))
                .expectNoEvents()
                .expectException(refusedWith("EXCHANGE_ALREADY_AUTHORISED"))
                .expectExceptionMessage("EXCHANGE_ALREADY_AUTHORISED: exchange ex-1 is already AUTHORISED for providers "
                        + "[county-330127]; only provider releases, provider failures or expiry may follow");
    }

    @Test
    void denialEndsTheExchange() {
        fixture.given(requested())
                .when(new DenyExchangeCommand(EXCHANGE, "patient has withdrawn consent to sharing"))
                .expectEvents(new ExchangeDeniedEvent(EXCHANGE, "patient has withdrawn consent to sharing"));
    }

    @Test
    void denialWithABlankReasonIsInvalid() {
        fixture.given(requested())
                .when(new DenyExchangeCommand(EXCHANGE, ""))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("reason is blank");
    }

    @Test
    void denialQuotingAResidentIdNumberIsInvalid() {
        fixture.given(requested())
                .when(new DenyExchangeCommand(EXCHANGE, "no consent from 33012719800101123X"))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("reason looks like it contains a resident ID number; "
                        + "refer to the patient by enterprise id only");
    }

    @Test
    void denialAfterAuthorisationIsRefused() {
        fixture.given(requested(), authorised(COUNTY_A))
                .when(new DenyExchangeCommand(EXCHANGE, "too late"))
                .expectException(refusedWith("EXCHANGE_ALREADY_AUTHORISED"))
                .expectExceptionMessage("EXCHANGE_ALREADY_AUTHORISED: exchange ex-1 is already AUTHORISED for providers "
                        + "[county-330127]; it can no longer be denied, only expire");
    }

    @Test
    void releaseFromOneOfTwoProvidersIsRecorded() {
        fixture.given(requested(), authorised(COUNTY_A, COUNTY_B))
                .when(new RecordReleaseCommand(EXCHANGE, COUNTY_A, 2, List.of("Observation/1", "Observation/2")))
                .expectEvents(released(COUNTY_A, "Observation/1", "Observation/2"));
    }

    @Test
    void releaseFromTheLastProviderCompletesTheExchange() {
        fixture.given(requested(), authorised(COUNTY_A, COUNTY_B), released(COUNTY_A, "Observation/1"))
                .when(new RecordReleaseCommand(EXCHANGE, COUNTY_B, 2, List.of("Observation/7", "Observation/8")))
                .expectEvents(released(COUNTY_B, "Observation/7", "Observation/8"),
                        new ExchangeCompletedEvent(EXCHANGE, ExchangeOutcome.COMPLETED, 3, List.of()));
    }

    @Test
    void releaseOfNothingStillCountsAsTheProvidersAnswer() {
        fixture.given(requested(), authorised(COUNTY_A))
                .when(new RecordReleaseCommand(EXCHANGE, COUNTY_A, 0, List.of()))
                .expectEvents(released(COUNTY_A), new ExchangeCompletedEvent(EXCHANGE, ExchangeOutcome.COMPLETED, 0, List.of()));
    }

    @Test
    void failureOfOneProviderAfterAnotherReleasedCompletesPartially() {
        fixture.given(requested(), authorised(COUNTY_A, COUNTY_B), released(COUNTY_A, "Observation/1"))
                .when(new RecordProviderFailureCommand(EXCHANGE, COUNTY_B, "node did not answer", 3))
                .expectEvents(failed(COUNTY_B),
                        new ExchangeCompletedEvent(EXCHANGE, ExchangeOutcome.PARTIALLY_COMPLETED, 1, List.of(COUNTY_B)));
    }

    @Test
    void failureOfEveryProviderCompletesAsFailed() {
        fixture.given(requested(), authorised(COUNTY_A, COUNTY_B), failed(COUNTY_A))
                .when(new RecordProviderFailureCommand(EXCHANGE, COUNTY_B, "node did not answer", 3))
                .expectEvents(failed(COUNTY_B),
                        new ExchangeCompletedEvent(EXCHANGE, ExchangeOutcome.FAILED, 0, List.of(COUNTY_A, COUNTY_B)));
    }

    @Test
    void failureWithoutAnAttemptIsInvalid() {
        fixture.given(requested(), authorised(COUNTY_A))
                .when(new RecordProviderFailureCommand(EXCHANGE, COUNTY_A, "node did not answer", 0))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("attempts must be at least 1, was 0");
    }

    @Test
    void releaseWhoseCountDisagreesWithItsResourceIdsIsInvalid() {
        fixture.given(requested(), authorised(COUNTY_A))
                .when(new RecordReleaseCommand(EXCHANGE, COUNTY_A, 3, List.of("Observation/1")))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("resultCount 3 does not match the 1 releasedResourceIds");
    }

    @Test
    void releaseBeforeAuthorisationIsRefused() {
        fixture.given(requested())
                .when(new RecordReleaseCommand(EXCHANGE, COUNTY_A, 1, List.of("Observation/1")))
                .expectNoEvents()
                .expectException(refusedWith("EXCHANGE_NOT_AUTHORISED"))
                .expectExceptionMessage("EXCHANGE_NOT_AUTHORISED: exchange ex-1 is REQUESTED; "
                        + "a provider's release or failure is accepted only once it is authorised");
    }

    @Test
    void releaseFromANodeNotAmongTheProvidersIsRefused() {
        fixture.given(requested(), authorised(COUNTY_A, COUNTY_B))
                .when(new RecordReleaseCommand(EXCHANGE, STRANGER, 1, List.of("Observation/1")))
                .expectNoEvents()
                .expectException(refusedWith("EXCHANGE_UNKNOWN_PROVIDER"))
                .expectExceptionMessage("EXCHANGE_UNKNOWN_PROVIDER: node county-320102 is not among the providers of "
                        + "exchange ex-1 [county-330127, county-330203]; only they may answer");
    }

    @Test
    void failureFromANodeNotAmongTheProvidersIsRefused() {
        fixture.given(requested(), authorised(COUNTY_A))
                .when(new RecordProviderFailureCommand(EXCHANGE, STRANGER, "node did not answer", 1))
                .expectException(refusedWith("EXCHANGE_UNKNOWN_PROVIDER"));
    }

    @Test
    void secondAnswerFromTheSameProviderIsRefused() {
        fixture.given(requested(), authorised(COUNTY_A, COUNTY_B), released(COUNTY_A, "Observation/1"))
                .when(new RecordProviderFailureCommand(EXCHANGE, COUNTY_A, "node did not answer", 1))
                .expectNoEvents()
                .expectException(refusedWith("EXCHANGE_PROVIDER_ALREADY_ANSWERED"))
                .expectExceptionMessage("EXCHANGE_PROVIDER_ALREADY_ANSWERED: provider county-330127 already answered "
                        + "exchange ex-1; each provider answers once (still pending: [county-330203])");
    }

    @Test
    void releaseAfterDenialIsRefused() {
        fixture.given(requested(), new ExchangeDeniedEvent(EXCHANGE, "no consent"))
                .when(new RecordReleaseCommand(EXCHANGE, COUNTY_A, 1, List.of("Observation/1")))
                .expectNoEvents()
                .expectException(TransitionRefusedException.class)
                .expectException(refusedWith("EXCHANGE_CLOSED"))
                .expectExceptionMessage("EXCHANGE_CLOSED: exchange ex-1 is DENIED, which is final; nothing more can be recorded on it");
    }

    @Test
    void authorisationAfterCompletionIsRefused() {
        fixture.given(requested(), authorised(COUNTY_A), failed(COUNTY_A),
                        new ExchangeCompletedEvent(EXCHANGE, ExchangeOutcome.FAILED, 0, List.of(COUNTY_A)))
                .when(new AuthoriseExchangeCommand(EXCHANGE, List.of(COUNTY_B)))
                .expectException(refusedWith("EXCHANGE_CLOSED"))
                .expectExceptionMessage("EXCHANGE_CLOSED: exchange ex-1 is COMPLETED (FAILED), which is final; "
                        + "nothing more can be recorded on it");
    }

    @Test
    void expiryAtTheDeadlineNamesTheProvidersStillPending() {
        fixture.given(requested(), authorised(COUNTY_A, COUNTY_B), released(COUNTY_A, "Observation/1"))
                .when(new ExpireExchangeCommand(EXCHANGE, DEADLINE))
                .expectEvents(new ExchangeExpiredEvent(EXCHANGE, DEADLINE, List.of(COUNTY_B)));
    }

    @Test
    void expiryBeforeAuthorisationHasNoPendingProviders() {
        fixture.given(requested())
                .when(new ExpireExchangeCommand(EXCHANGE, DEADLINE))
                .expectEvents(new ExchangeExpiredEvent(EXCHANGE, DEADLINE, List.of()));
    }

    @Test
    void expiryBeforeTheDeadlineIsRefused() {
        fixture.given(requested(), authorised(COUNTY_A))
                .when(new ExpireExchangeCommand(EXCHANGE, NOW))
                .expectNoEvents()
                .expectException(refusedWith("EXCHANGE_DEADLINE_NOT_REACHED"))
                .expectExceptionMessage("EXCHANGE_DEADLINE_NOT_REACHED: exchange ex-1 has its deadline at "
                        + "2026-12-02T08:05:00Z; it cannot expire at 2026-12-02T08:00:00Z, before it");
    }

    @Test
    void expiryAfterCompletionIsRefused() {
        fixture.given(requested(), authorised(), new ExchangeCompletedEvent(EXCHANGE, ExchangeOutcome.COMPLETED, 0, List.of()))
                .when(new ExpireExchangeCommand(EXCHANGE, DEADLINE))
                .expectException(refusedWith("EXCHANGE_CLOSED"));
    }

    @Test
    void releaseAfterExpiryIsRefused() {
        fixture.given(requested(), authorised(COUNTY_A), new ExchangeExpiredEvent(EXCHANGE, DEADLINE, List.of(COUNTY_A)))
                .when(new RecordReleaseCommand(EXCHANGE, COUNTY_A, 1, List.of("Observation/1")))
                .expectException(refusedWith("EXCHANGE_CLOSED"))
                .expectExceptionMessage("EXCHANGE_CLOSED: exchange ex-1 is EXPIRED, which is final; nothing more can be recorded on it");
    }
}
