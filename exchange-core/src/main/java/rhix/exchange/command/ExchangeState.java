package rhix.exchange.command;

/** Where an exchange is in its lifecycle; DENIED, COMPLETED and EXPIRED are final. */
enum ExchangeState {
    REQUESTED,
    AUTHORISED,
    DENIED,
    COMPLETED,
    EXPIRED;

    boolean isFinal() {
        return this == DENIED || this == COMPLETED || this == EXPIRED;
    }
}
