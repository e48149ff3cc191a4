package rhix.synthetic;

import java.time.LocalDate;
import java.util.List;
import rhix.identity.AdminDivisionCode;
import rhix.identity.Gender;

/**
 * Hands every person a birth registration of their own: a (birth county, birth date, sequence
 * pair) that no one else gets, so no two residents share a resident ID number, as in life. Drawing
 * sequence codes at random instead collides (birthday paradox) from a few tens of thousands of
 * people on, which would make two people one in the ground truth. Registrations are a keyed
 * permutation of the person key, so they are uniform over counties and dates, depend on nothing
 * but (seed, person key), and cost no memory.
 */
final class BirthRegistry {

    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1935, 1, 1);
    /** Sequence codes per county and day: men get the odd codes 001..997, women the even 002..998. */
    static final int PAIRS_PER_DAY = 499;

    /** Where and when someone was born, and which pair of sequence codes (odd for a man, even for a woman) is theirs. */
    record Registration(AdminDivisionCode county, LocalDate birthDate, int pair) {

        int sequence(Gender sex) {
            return 2 * pair + (sex == Gender.FEMALE ? 2 : 1);
        }
    }

    private final List<AdminDivisionCode> counties;
    private final long days;
    private final KeyedPermutation slots;

    BirthRegistry(List<AdminDivisionCode> counties, LocalDate latestBirth, long seed) {
        if (counties.isEmpty()) {
            throw new IllegalArgumentException("a region needs at least one county to be born in");
        }
        if (latestBirth.isBefore(EARLIEST_BIRTH)) {
            throw new IllegalArgumentException("latest birth " + latestBirth + " is before " + EARLIEST_BIRTH);
        }
        this.counties = List.copyOf(counties);
        this.days = latestBirth.toEpochDay() - EARLIEST_BIRTH.toEpochDay() + 1;
        this.slots = new KeyedPermutation(this.counties.size() * days * PAIRS_PER_DAY, KeyedPermutation.mix(seed ^ 0xB1B7L));
    }

    /** How many people the region can register: every person needs a slot of their own. */
    long capacity() {
        return slots.size();
    }

    /** The registration of person {@code personKey} (1-based). */
    Registration register(long personKey) {
        long slot = slots.apply(personKey - 1);
        long perCounty = days * PAIRS_PER_DAY;
        AdminDivisionCode county = counties.get((int) (slot / perCounty));
        long withinCounty = slot % perCounty;
        LocalDate birthDate = EARLIEST_BIRTH.plusDays(withinCounty / PAIRS_PER_DAY);
        return new Registration(county, birthDate, (int) (withinCounty % PAIRS_PER_DAY));
    }
}
