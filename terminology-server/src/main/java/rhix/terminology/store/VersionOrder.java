package rhix.terminology.store;

import java.util.Comparator;

/**
 * Which version is "newest" when a caller gives none: versions compared part by part, numeric parts as
 * numbers ("2.10" after "2.9", "2024" after "2023"), a missing version oldest. FHIR leaves version
 * ordering to the code system; this covers the dates and dotted numbers the region's content uses.
 */
public final class VersionOrder implements Comparator<String> {

    public static final VersionOrder INSTANCE = new VersionOrder();

    @Override
    public int compare(String left, String right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        String[] a = left.split("[.\\-_]");
        String[] b = right.split("[.\\-_]");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int byPart = comparePart(a[i], b[i]);
            if (byPart != 0) {
                return byPart;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static int comparePart(String a, String b) {
        boolean numbers = !a.isEmpty() && !b.isEmpty() && a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit);
        if (numbers) {
            int byLength = Integer.compare(a.replaceFirst("^0+(?=.)", "").length(), b.replaceFirst("^0+(?=.)", "").length());
            return byLength != 0 ? byLength : a.replaceFirst("^0+(?=.)", "").compareTo(b.replaceFirst("^0+(?=.)", ""));
        }
        return a.compareTo(b);
    }

    private VersionOrder() {
    }
}
