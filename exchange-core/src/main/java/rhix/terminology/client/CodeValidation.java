package rhix.terminology.client;

/**
 * The server's verdict on one code of one code system ({@code CodeSystem/$validate-code}), or of one code in
 * a value set ({@code ValueSet/$validate-code}).
 *
 * @param display       the code's display in the server's preferred language, when the code is known
 * @param message       why the code is not valid (unknown code, unknown system, not in the value set), as the
 *                      server put it
 * @param unknownSystem the server does not hold the code system at all (its answer carried
 *                      {@code x-caused-by-unknown-system}, or it refused the question with 404): the code was not
 *                      judged, as opposed to a code the server knows to be wrong
 */
public record CodeValidation(String system, String code, boolean valid, String display, String message, boolean unknownSystem) {
}
