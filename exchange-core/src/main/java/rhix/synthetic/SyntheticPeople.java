package rhix.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import rhix.identity.AdminDivisionCode;
import rhix.identity.Gender;
import rhix.identity.ResidentId;

/** Draws residents: sex, name, birth registration and the resident ID number it gives, a mobile, a home address. */
final class SyntheticPeople {

    private static final String[] MOBILE_PREFIXES = {"130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
            "151", "152", "153", "155", "157", "158", "159", "166", "173", "177", "180", "181", "182", "186", "187", "188",
            "189", "191", "199"};
    private static final String[] STREETS = {"解放路", "人民路", "中山路", "建设路", "文化路", "新华路", "和平路", "胜利路",
            "健康路", "学院路", "环城北路", "延安路", "凤起路", "江南大道", "滨江路", "百丈路", "开明街", "县前街", "新城大道",
            "湖滨路"};
    /** Latest birth: a few months before asOf, so even the youngest have a stretch of life to be treated in. */
    static final int YOUNGEST_AGE_DAYS = 90;

    private final List<AdminDivisionCode> counties;
    private final BirthRegistry births;

    SyntheticPeople(RegionLayout layout, RegionSpec spec) {
        this.counties = layout.counties().stream().map(PlatformNode::division).toList();
        this.births = new BirthRegistry(counties, spec.asOf().minusDays(YOUNGEST_AGE_DAYS), spec.seed());
        if (spec.persons() > births.capacity()) {
            throw new IllegalArgumentException("this layout has birth registrations for " + births.capacity()
                    + " persons (distinct resident ID numbers), " + spec.persons() + " were asked for");
        }
    }

    Person draw(long personKey, SplittableRandom random) {
        Gender sex = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
        BirthRegistry.Registration birth = births.register(personKey);
        // Most people live where they were born; some moved within the province.
        AdminDivisionCode home = random.nextInt(10) < 8 ? birth.county() : counties.get(random.nextInt(counties.size()));
        List<ChineseNames.Syllable> given = new ArrayList<>(2);
        given.add(ChineseNames.given(sex, random));
        if (random.nextInt(10) < 7) {
            given.add(ChineseNames.given(sex, random));
        }
        LocalDate birthDate = birth.birthDate();
        String street = STREETS[random.nextInt(STREETS.length)] + (1 + random.nextInt(399)) + "号";
        return new Person(personKey, ChineseNames.surname(random), given, sex, birthDate,
                ResidentId.of(birth.county(), birthDate, birth.sequence(sex)), phone(random), home, street);
    }

    static String phone(SplittableRandom random) {
        StringBuilder phone = new StringBuilder(11).append(MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)]);
        for (int i = 0; i < 8; i++) {
            phone.append((char) ('0' + random.nextInt(10)));
        }
        return phone.toString();
    }
}
