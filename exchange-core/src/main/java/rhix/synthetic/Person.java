package rhix.synthetic;

import java.time.LocalDate;
import java.util.List;
import rhix.identity.AdminDivisionCode;
import rhix.identity.Gender;
import rhix.identity.ResidentId;

/**
 * A resident as they really are: the ground truth every hospital's record of them approximates.
 *
 * @param personKey   stable number of the person in the region (the ground-truth key)
 * @param surname     the family name, one or two characters
 * @param given       the given name's characters
 * @param homeCounty  the county they live in (where they are mostly treated)
 * @param street      the street part of their address, e.g. 解放路128号
 */
record Person(long personKey, ChineseNames.Syllable surname, List<ChineseNames.Syllable> given, Gender gender,
              LocalDate birthDate, ResidentId residentId, String phone, AdminDivisionCode homeCounty, String street) {

    Person {
        given = List.copyOf(given);
    }

    String nameZh() {
        StringBuilder name = new StringBuilder(surname.character());
        given.forEach(syllable -> name.append(syllable.character()));
        return name.toString();
    }

    String pinyin() {
        return ChineseNames.pinyin(surname, given);
    }
}
