package rhix.terminology.client;

/**
 * What {@code CodeSystem/$lookup} found for one code.
 *
 * @param found   the server holds the code system and the code is in it
 * @param display the code's display (in the server's preferred language) when found
 * @param name    the code system's name when found
 * @param message why nothing was found (unknown code, unknown system), as the server put it
 */
public record CodeLookup(String system, String code, boolean found, String display, String name, String message) {
}
