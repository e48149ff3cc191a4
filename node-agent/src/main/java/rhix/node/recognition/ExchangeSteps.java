package rhix.node.recognition;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import rhix.node.mpi.RecordLocation;
import rhix.region.NodeId;

/**
 * What the exchange saga has done for it, outside its own state: asking the MPI, asking providers (answers come
 * back later as commands), and handing results to whoever waits. An interface so saga tests can stand in for it.
 */
public interface ExchangeSteps {

    RecordLocation locate(String enterprisePersonId);

    void authorised(String exchangeId, List<NodeId> providers);

    /**
     * Asks each provider for its local records' results of the item codes, without waiting for the answers; every
     * answer becomes a command sent through {@code commands}.
     */
    void askAll(String exchangeId, String requestingNode, String requester, List<String> itemCodes,
                Map<String, List<String>> localIdsByProvider, Consumer<Object> commands);

    void ended(String exchangeId, ExchangeEnd end);
}
