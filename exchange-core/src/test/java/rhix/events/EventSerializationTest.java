package rhix.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rhix.exchange.api.ExchangeAuthorisedEvent;
import rhix.exchange.api.ExchangeCompletedEvent;
import rhix.exchange.api.ExchangeDeniedEvent;
import rhix.exchange.api.ExchangeExpiredEvent;
import rhix.exchange.api.ExchangeOutcome;
import rhix.exchange.api.ExchangeRequestedEvent;
import rhix.exchange.api.ProviderFailedEvent;
import rhix.exchange.api.ProviderReleasedEvent;
import rhix.grant.api.ColumnScope;
import rhix.grant.api.DataUseApplicationRejectedEvent;
import rhix.grant.api.DataUseApplicationSubmittedEvent;
import rhix.grant.api.DataUseGrantExpiredEvent;
import rhix.grant.api.DataUseGrantRevokedEvent;
import rhix.grant.api.DataUseGrantedEvent;
import rhix.grant.api.GrantKind;
import rhix.grant.api.ReviewStep;
import rhix.grant.api.ReviewStepApprovedEvent;
import rhix.grant.api.RowScope;
import rhix.grant.api.ViewScope;
import rhix.policy.Deidentification;
import rhix.policy.PurposeOfUse;
import rhix.recognition.api.NotRecognisedReason;
import rhix.recognition.api.RecognitionOverriddenEvent;
import rhix.recognition.api.RepeatTestOrderedEvent;
import rhix.recognition.api.ResultNotRecognisedEvent;
import rhix.recognition.api.ResultRecognisedEvent;
import rhix.recognition.api.ResultReference;
import rhix.region.NodeId;

/** Every event survives the event store's JacksonSerializer unchanged, so an aggregate rebuilds as it was. */
class EventSerializationTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    private static final NodeId HOSPITAL = NodeId.of("hospital-330102-01");
    private static final NodeId COUNTY = NodeId.of("county-330127");
    private static final Instant AT = Instant.parse("2026-12-02T08:00:00.123456789Z");
    private static final ResultReference RESULT = new ResultReference(COUNTY, "Observation/17");
    private static final List<ViewScope> VIEWS = List.of(new ViewScope("lab_result", List.of(
            new ColumnScope("value", Deidentification.NONE), new ColumnScope("person_key", Deidentification.HASH))));
    private static final RowScope ROWS = new RowScope("HbA1c 2024-2025", List.of("330100", "330127"));

    static Stream<Object> events() {
        return Stream.of(
                new ExchangeRequestedEvent("ex-1", HOSPITAL, "dr-0042", PurposeOfUse.TREATMENT, "EP-7f3a9c",
                        List.of("2345-7", "718-7"), AT),
                new ExchangeAuthorisedEvent("ex-1", List.of(COUNTY, NodeId.of("county-330203"))),
                new ExchangeDeniedEvent("ex-1", "no consent"),
                new ProviderReleasedEvent("ex-1", COUNTY, 2, List.of("Observation/1", "Observation/2")),
                new ProviderFailedEvent("ex-1", COUNTY, "node did not answer", 3),
                new ExchangeCompletedEvent("ex-1", ExchangeOutcome.PARTIALLY_COMPLETED, 2, List.of(COUNTY)),
                new ExchangeExpiredEvent("ex-1", AT, List.of(COUNTY)),
                new ResultRecognisedEvent("rd-1", "ex-1", HOSPITAL, "EP-7f3a9c", RESULT, "2823-3", 1_250),
                new ResultNotRecognisedEvent("rd-1", "ex-1", HOSPITAL, "EP-7f3a9c", RESULT, "LOCAL-K",
                        NotRecognisedReason.UNMAPPED_CODE, "local code LOCAL-K has no LOINC mapping"),
                new RecognitionOverriddenEvent("rd-1", "dr-0042", "still valid"),
                new RepeatTestOrderedEvent("rd-1", "dr-0042", "protocol"),
                new DataUseApplicationSubmittedEvent("dua-1", "researcher-17", "Zhejiang Provincial CDC",
                        PurposeOfUse.RESEARCH, VIEWS, ROWS, Duration.ofDays(60), GrantKind.TEMPORARY),
                new ReviewStepApprovedEvent("dua-1", ReviewStep.DEPARTMENT, "head-03", "同意"),
                new DataUseGrantedEvent("dua-1", "researcher-17", "Zhejiang Provincial CDC", PurposeOfUse.RESEARCH,
                        VIEWS, ROWS, GrantKind.TEMPORARY, AT, AT.plus(Duration.ofDays(60))),
                new DataUseApplicationRejectedEvent("dua-1", ReviewStep.DATA_SECURITY_COMMITTEE, "dsc-01", "too broad"),
                new DataUseGrantRevokedEvent("dua-1", "admin-01", "left the organisation"),
                new DataUseGrantExpiredEvent("dua-1", AT));
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsThroughTheEventStoresSerializer(Object event) {
        SerializedObject<String> stored = SERIALIZER.serialize(event, String.class);

        Object read = SERIALIZER.deserialize(stored);

        assertThat(read).isEqualTo(event);
    }

    /** A new event without a sample above fails here, not when the first one is read back in production. */
    @Test
    void everyEventOfTheAggregatesHasASampleAbove() throws IOException {
        Set<String> sampled = events().map(event -> event.getClass().getSimpleName()).collect(Collectors.toSet());
        Set<String> declared;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/rhix/exchange/api"))) {
            declared = Stream.concat(files, Stream.concat(
                            Files.list(Path.of("src/main/java/rhix/recognition/api")),
                            Files.list(Path.of("src/main/java/rhix/grant/api"))))
                    .map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith("Event.java"))
                    .map(name -> name.substring(0, name.length() - ".java".length()))
                    .collect(Collectors.toSet());
        }

        assertThat(sampled).isEqualTo(declared);
    }
}
