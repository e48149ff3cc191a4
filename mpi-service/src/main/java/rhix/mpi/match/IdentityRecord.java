package rhix.mpi.match;

import java.time.LocalDate;
import java.util.Objects;
import rhix.identity.InvalidResidentIdException;
import rhix.identity.ResidentId;

/**
 * One local patient's identity traits as a node registers them: never clinical data. A resident ID
 * that fails GB 11643 is kept (as {@code rawResidentId}) but not used to match.
 *
 * @param residentId    the 18-digit form of a valid ID (15-digit legacy numbers converted), else null
 * @param rawResidentId what the source sent, valid or not
 * @param namePinyin    the name in toneless pinyin, syllables separated by spaces, lower case
 * @param gender        FHIR administrative gender code, or null
 * @param phone         digits only, or null
 */
public record IdentityRecord(String nodeId, String localId, String nameZh, String namePinyin, String gender,
                             LocalDate birthDate, String residentId, String rawResidentId, String phone,
                             String divisionCode) {

    public IdentityRecord {
        Objects.requireNonNull(nodeId, "nodeId is null");
        Objects.requireNonNull(localId, "localId is null");
    }

    /** A record whose resident ID is read from the source's text: normalized when valid, kept but unused when not. */
    public static IdentityRecord of(String nodeId, String localId, String nameZh, String namePinyin, String gender,
                                    LocalDate birthDate, String residentIdText, String phone, String divisionCode) {
        return new IdentityRecord(nodeId, localId, nameZh, normalizePinyin(namePinyin), gender, birthDate,
                normalizedResidentId(residentIdText), residentIdText, digits(phone), divisionCode);
    }

    /** Whether the source sent a resident ID that GB 11643 refuses: kept, flagged, not a matching key. */
    public boolean hasInvalidResidentId() {
        return rawResidentId != null && !rawResidentId.isBlank() && residentId == null;
    }

    private static String normalizedResidentId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            ResidentId id = ResidentId.parse(text.strip());
            return id.value();
        } catch (InvalidResidentIdException e) {
            return null;
        }
    }

    static String normalizePinyin(String pinyin) {
        return pinyin == null || pinyin.isBlank() ? null
                : pinyin.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-zü ]", "").replaceAll(" +", " ");
    }

    private static String digits(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        return digits.isEmpty() ? null : digits;
    }
}
