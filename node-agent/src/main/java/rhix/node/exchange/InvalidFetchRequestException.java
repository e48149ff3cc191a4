package rhix.node.exchange;

/** A {@code FetchResultsRequest} field breaks the contract: answered {@code INVALID_ARGUMENT} naming the field. */
final class InvalidFetchRequestException extends Exception {

    private final String field;

    InvalidFetchRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    String field() {
        return field;
    }
}
