package rhix.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import rhix.identity.AdminDivisionCode;
import rhix.identity.Gender;
import rhix.identity.ResidentId;

/** Draws residents: names, sex, birth, a resident ID number consistent with them, a phone, a home county. */
final class SyntheticPeople {

    private static final String[] MOBILE_PREFIXES = {"130", "131", "135", "136", "137", "138", "139", "150", "151", "152",
            "157", "158", "159", "177", "180", "182", "186", "187", "188", "189", "199"};

    private final List<AdminDivisionCode> counties;
    private final LocalDate asOf;

    SyntheticPeople(RegionLayout layout, LocalDate asOf) {
        this.counties = layout.counties().stream().map(PlatformNode::division).toList();
        this.asOf = asOf;
    }

    Person draw(long personKey, SplittableRandom random) {
        Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
        LocalDate earliest = LocalDate.of(1935, 1, 1);
        LocalDate birthDate = earliest.plusDays(random.nextLong(asOf.toEpochDay() - earliest.toEpochDay() - 30));
        AdminDivisionCode home = counties.get(random.nextInt(counties.size()));
        // Most people were born where they live; some moved from elsewhere in the province.
        AdminDivisionCode birthplace = random.nextInt(10) < 8 ? home : counties.get(random.nextInt(counties.size()));
        int sequence = random.nextInt(500) * 2 + (gender == Gender.MALE ? 1 : 0);
        List<ChineseNames.Syllable> given = new ArrayList<>();
        given.add(ChineseNames.given(random));
        if (random.nextInt(10) < 7) {
            given.add(ChineseNames.given(random));
        }
        return new Person(personKey, ChineseNames.surname(random), List.copyOf(given), gender, birthDate,
                ResidentId.of(birthplace, birthDate, sequence), phone(random), home);
    }

    static String phone(SplittableRandom random) {
        StringBuilder phone = new StringBuilder(MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)]);
        for (int i = 0; i < 8; i++) {
            phone.append((char) ('0' + random.nextInt(10)));
        }
        return phone.toString();
    }
}
