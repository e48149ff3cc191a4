package rhix.mpi.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The keys that make two records candidates for comparison: only records sharing at least one key are
 * ever scored. Each key survives a different kind of noise, so a pair of the same person is missed only
 * when every key is hit at once:
 * <ul>
 *   <li>{@code id:} the valid resident ID (18-digit form): survives any noise in name, date or phone;</li>
 *   <li>{@code py:} the pinyin's phonetic key and the birth year: survives homophones, romanization
 *       variants, swapped day and month, a missing or mistyped ID number and a new phone;</li>
 *   <li>{@code ph:} the phone: survives a mistyped name character and a missing ID number.</li>
 * </ul>
 * Invalid ID numbers are never a key (GB 11643 refused them, so they may be anybody's).
 */
public final class BlockingKeys {

    private BlockingKeys() {
    }

    public static List<String> of(IdentityRecord record) {
        List<String> keys = new ArrayList<>(3);
        if (record.residentId() != null) {
            keys.add("id:" + record.residentId());
        }
        String phonetic = phoneticKey(record.namePinyin());
        if (phonetic != null && record.birthDate() != null) {
            keys.add("py:" + phonetic + ":" + record.birthDate().getYear());
        }
        if (record.phone() != null && record.phone().length() >= 7) {
            keys.add("ph:" + record.phone());
        }
        return keys;
    }

    /**
     * Pinyin reduced to what a clerk hears the same way: letters only, lower case, ü written u, and the
     * confusions common in southern Mandarin folded (zh/z, ch/c, sh/s, final ng/n). Syllable spacing is
     * dropped because hospitals space and capitalize names differently.
     */
    public static String phoneticKey(String pinyin) {
        if (pinyin == null) {
            return null;
        }
        String letters = pinyin.toLowerCase(Locale.ROOT).replace('ü', 'u').replace('v', 'u').replaceAll("[^a-z]", "");
        if (letters.isEmpty()) {
            return null;
        }
        return letters.replace("zh", "z").replace("ch", "c").replace("sh", "s").replace("ng", "n");
    }
}
