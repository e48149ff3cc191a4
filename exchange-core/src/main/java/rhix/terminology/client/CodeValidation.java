package rhix.terminology.client;

/**
 * The server's verdict on one code of one code system ({@code CodeSystem/$validate-code}).
 *
 * @param display the code's display in the server's preferred language, when the code is known
 * @param message why the code is not valid (unknown code, unknown system), as the server put it
 */
public record CodeValidation(String system, String code, boolean valid, String display, String message) {
}
