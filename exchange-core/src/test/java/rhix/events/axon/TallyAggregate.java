package rhix.events.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import rhix.events.TransitionRefusedException;

/** A minimal aggregate for testing the event store wiring, apart from any domain's rules. */
public class TallyAggregate {

    public record OpenTally(String tallyId) {
    }

    public record AddToTally(@TargetAggregateIdentifier String tallyId, int amount) {
    }

    public record TallyOpened(String tallyId) {
    }

    public record TallyIncreased(String tallyId, int amount, int total) {
    }

    @AggregateIdentifier
    private String tallyId;
    private int total;

    protected TallyAggregate() {
    }

    @CommandHandler
    public TallyAggregate(OpenTally command) {
        apply(new TallyOpened(command.tallyId()));
    }

    @CommandHandler
    public void handle(AddToTally command) {
        if (command.amount() <= 0) {
            throw new TransitionRefusedException("TALLY_AMOUNT_NOT_POSITIVE", "a tally only grows; " + command.amount() + " refused");
        }
        apply(new TallyIncreased(tallyId, command.amount(), total + command.amount()));
    }

    @EventSourcingHandler
    void on(TallyOpened event) {
        tallyId = event.tallyId();
    }

    @EventSourcingHandler
    void on(TallyIncreased event) {
        total = event.total();
    }
}
