package rhix.exchange.api;

/** The exchange was refused before any provider was asked; nothing was released. Terminal. */
public record ExchangeDeniedEvent(String exchangeId, String reason) {
}
