package rhix.node.recognition;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.api.exchange.v1.OfferedResult;
import rhix.events.TransitionRefusedException;
import rhix.events.axon.EventSourcingFactory;
import rhix.exchange.api.ExpireExchangeCommand;
import rhix.exchange.api.RequestExchangeCommand;
import rhix.node.NodeConfiguration;
import rhix.node.mpi.MpiOutbox;
import rhix.node.mpi.MpiRegistration;
import rhix.node.mpi.RecordLocation;
import rhix.node.mpi.RecordLocator;
import rhix.policy.PurposeOfUse;
import rhix.recognition.api.NotRecognisedReason;
import rhix.recognition.api.RecordRecognitionCommand;
import rhix.recognition.api.ResultReference;
import rhix.recognition.rules.ItemCode;
import rhix.recognition.rules.RecognitionRules;
import rhix.recognition.rules.Verdict;
import rhix.region.NodeId;

/**
 * Mutual recognition for one of this node's patients (检查检验结果互认): requests an exchange of the person's results of
 * some tests, waits for it at most its deadline (the exchange saga does the asking), then translates each offered
 * result's code, judges it by the region's rules and records the verdict as a RecognitionDecision. Whatever has
 * arrived by the deadline is answered; who did not deliver is said, not waited for.
 */
@Singleton
@Requires(property = EventSourcingFactory.ENABLED, value = "true")
public class RecognisableResults {

    private static final Logger LOG = LoggerFactory.getLogger(RecognisableResults.class);
    private static final String TREATMENT = "TREAT";

    private final CommandGateway commands;
    private final ExchangeResults results;
    private final ResultTranslation translation;
    private final RecognitionRules rules;
    private final RecognitionConfiguration configuration;
    private final NodeConfiguration self;
    private final MpiOutbox mpiOutbox;
    private final RecordLocator locator;
    private final DataSource dataSource;
    private final Clock clock;

    public RecognisableResults(CommandGateway commands, ExchangeResults results, ResultTranslation translation,
                               RecognitionRules rules, RecognitionConfiguration configuration, NodeConfiguration self,
                               MpiOutbox mpiOutbox, RecordLocator locator, DataSource dataSource, Clock clock) {
        this.commands = commands;
        this.results = results;
        this.translation = translation;
        this.rules = rules;
        this.configuration = configuration;
        this.self = self;
        this.mpiOutbox = mpiOutbox;
        this.locator = locator;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * @param patientId a Patient of this node's store (the caller checked it exists)
     * @param itemCodes the tests asked for, {@code system|code}
     * @param requester the clinician's or system's principal id
     */
    public RecognitionAnswer recognise(String patientId, List<String> itemCodes, String requester) throws InterruptedException {
        Optional<String> enterpriseId;
        try {
            enterpriseId = enterpriseId(patientId);
        } catch (NoEnterpriseIdentityException e) {
            return RecognitionAnswer.noExchange(e.getMessage());
        }
        String exchangeId = UUID.randomUUID().toString();
        Instant deadline = clock.instant().plus(configuration.exchangeDeadline());
        ExchangeResults.Collected collected = results.open(exchangeId);
        try {
            commands.sendAndWait(new RequestExchangeCommand(exchangeId, self.nodeId(), requester, PurposeOfUse.TREATMENT,
                    enterpriseId.orElseThrow(), itemCodes, deadline));
            Optional<ExchangeEnd> end = awaitEnd(collected, deadline);
            if (end.isEmpty()) {
                expire(exchangeId, deadline);
            }
            List<String> problems = new ArrayList<>();
            List<JudgedResult> judged = new ArrayList<>();
            collected.released().forEach((provider, offered) -> offered.forEach(result ->
                    judge(exchangeId, enterpriseId.get(), result, problems).ifPresent(judged::add)));
            List<String> unanswered = end.map(ExchangeEnd::unansweredProviders).filter(list -> !list.isEmpty())
                    .orElseGet(collected::unanswered);
            if (end.isPresent() && end.get().state() == ExchangeEnd.State.DENIED) {
                problems.add("exchange denied: " + end.get().reason());
            }
            return new RecognitionAnswer(Optional.of(exchangeId), end, judged, collected.failures(), unanswered, problems);
        } finally {
            results.take(exchangeId);
        }
    }

    private Optional<ExchangeEnd> awaitEnd(ExchangeResults.Collected collected, Instant deadline) throws InterruptedException {
        Duration wait = Duration.between(clock.instant(), deadline).plus(configuration.expiryGrace());
        try {
            return Optional.of(collected.end().get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the exchange failed", e.getCause());
        }
    }

    /**
     * The saga's deadline is held in memory and fires against the stored saga: after a restart, or when it fired before
     * the saga was stored, it is lost. The operation that waited out the deadline therefore expires the exchange
     * itself; if the saga's expiry (or a last answer) got there first, the exchange refuses this one, which is fine.
     */
    private void expire(String exchangeId, Instant deadline) {
        Instant now = clock.instant();
        commands.send(new ExpireExchangeCommand(exchangeId, now.isBefore(deadline) ? deadline : now)).exceptionally(refused -> {
            LOG.debug("exchange '{}' not expired by the operation: {}", exchangeId, refused.getMessage());
            return null;
        });
    }

    /** The enterprise id the MPI gave when this node registered the patient; else the MPI is asked now. */
    private Optional<String> enterpriseId(String patientId) throws NoEnterpriseIdentityException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<String> registered = mpiOutbox.find(connection, patientId).map(MpiRegistration::enterpriseId)
                    .filter(id -> !id.isBlank());
            if (registered.isPresent()) {
                return registered;
            }
        } catch (SQLException e) {
            LOG.warn("the MPI registration of Patient/{} could not be read; asking the MPI", patientId, e);
        }
        return switch (locator.locate(self.id(), patientId, TREATMENT)) {
            case RecordLocation.Located located -> Optional.of(located.enterpriseId());
            case RecordLocation.Unknown unknown -> throw new NoEnterpriseIdentityException("Patient/" + patientId
                    + " has no enterprise identity, so no other node can be asked for their results: " + unknown.reason());
            case RecordLocation.Unreachable unreachable -> throw new NoEnterpriseIdentityException("Patient/" + patientId
                    + " is not yet registered with the MPI and the MPI could not be asked: " + unreachable.reason());
        };
    }

    private Optional<JudgedResult> judge(String exchangeId, String enterpriseId, OfferedResult offered, List<String> problems) {
        String resourceId = ExchangeFanOut.resourceId(offered);
        String sourceCode = ResultTranslation.sourceCode(offered);
        Optional<ItemCode> item = translation.standardCode(offered);
        Verdict verdict;
        if (!offered.hasEffectiveAt()) {
            verdict = new Verdict.NotRecognised(NotRecognisedReason.EXPIRED, resourceId + " states no effective time, so"
                    + " whether it is within its validity window cannot be told");
        } else {
            try {
                verdict = rules.judge(new rhix.recognition.rules.OfferedResult(sourceCode, item,
                        Optional.of(offered.getSpecimenCode().getCode()).filter(code -> !code.isEmpty()),
                        Optional.of(offered.getMethodCode().getCode()).filter(code -> !code.isEmpty()),
                        Instant.ofEpochSecond(offered.getEffectiveAt().getSeconds(), offered.getEffectiveAt().getNanos()),
                        configuration.tierOf(offered.getProducerOrganizationId())), clock.instant());
            } catch (IllegalArgumentException e) {
                problems.add(offered.getNodeId() + " " + resourceId + " not judged: " + e.getMessage());
                return Optional.empty();
            }
        }
        String decisionId = decisionId(exchangeId, offered.getNodeId(), resourceId);
        return Optional.of(new JudgedResult(offered, sourceCode, item, verdict, decisionId,
                record(decisionId, exchangeId, enterpriseId, offered, resourceId, item.map(code -> ItemCodes.of(code.system(), code.code())).orElse(sourceCode), verdict)));
    }

    /** The same result in the same exchange is the same decision, so recording it again does not count it twice. */
    static String decisionId(String exchangeId, String providerNode, String resourceId) {
        return UUID.nameUUIDFromBytes((exchangeId + "|" + providerNode + "|" + resourceId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private boolean record(String decisionId, String exchangeId, String enterpriseId, OfferedResult offered, String resourceId,
                           String itemCode, Verdict verdict) {
        ResultReference reference = new ResultReference(NodeId.of(offered.getNodeId()), resourceId);
        RecordRecognitionCommand command = switch (verdict) {
            case Verdict.Recognised recognised -> RecordRecognitionCommand.recognised(decisionId, exchangeId, self.nodeId(),
                    enterpriseId, reference, itemCode, recognised.costAvoided().movePointRight(2).longValueExact());
            case Verdict.NotRecognised notRecognised -> RecordRecognitionCommand.notRecognised(decisionId, exchangeId,
                    self.nodeId(), enterpriseId, reference, itemCode, notRecognised.reason(), notRecognised.detail());
        };
        try {
            commands.sendAndWait(command);
            return true;
        } catch (TransitionRefusedException e) {
            return true; // already decided: a retry of the same decision
        } catch (RuntimeException e) {
            LOG.warn("the verdict on {} in exchange '{}' could not be recorded", resourceId, exchangeId, e);
            return false;
        }
    }

    private static final class NoEnterpriseIdentityException extends Exception {
        NoEnterpriseIdentityException(String message) {
            super(message);
        }
    }
}
