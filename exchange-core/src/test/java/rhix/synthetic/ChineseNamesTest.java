package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rhix.identity.Gender;

class ChineseNamesTest {

    @Test
    void aboutAHundredSurnamesAndTwoHundredGivenNameCharacters() {
        assertThat(ChineseNames.surnameCount()).isBetween(95, 110);
        assertThat(ChineseNames.givenCharacterCount()).isBetween(180, 220);
    }

    @Test
    void theHomophoneGroupsOfTheBriefAreThere() {
        for (List<String> group : List.of(List.of("伟", "卫", "维"), List.of("丽", "莉", "俐"), List.of("静", "敬", "晶"),
                List.of("明", "鸣", "铭"), List.of("华", "桦"), List.of("杰", "洁"), List.of("徐", "许"))) {
            ChineseNames.Syllable first = syllable(group.getFirst());
            assertThat(ChineseNames.hasHomophone(first)).isTrue();
            SplittableRandom random = new SplittableRandom(group.hashCode());
            for (int i = 0; i < 50; i++) {
                ChineseNames.Syllable homophone = ChineseNames.homophoneOf(first, random);
                assertThat(homophone.pinyin()).isEqualTo(first.pinyin());
                assertThat(homophone.character()).isNotEqualTo(first.character());
            }
        }
    }

    @Test
    void pinyinVariantsAlwaysDifferButSpellTheSameSyllables() {
        ChineseNames.Syllable lv = new ChineseNames.Syllable("吕", "lv");
        List<ChineseNames.Syllable> given = List.of(syllable("伟"), syllable("明"));
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            String variant = ChineseNames.pinyinVariant(lv, given, random);
            assertThat(variant).isNotEqualTo("lv weiming");
            assertThat(variant.toLowerCase().replace(" ", "").replace('ü', 'v').replace("lu", "lv")).isEqualTo("lvweiming");
        }
        assertThat(ChineseNames.pinyin(lv, given)).isEqualTo("lv weiming");
    }

    @Test
    void menAndWomenDrawFromTheirOwnListsAndTheSharedOne() {
        SplittableRandom random = new SplittableRandom(9);
        long shared = 0;
        for (int i = 0; i < 3000; i++) {
            ChineseNames.Syllable man = ChineseNames.given(Gender.MALE, random);
            ChineseNames.Syllable woman = ChineseNames.given(Gender.FEMALE, random);
            assertThat(man.character()).isNotIn("丽", "婷", "娟", "燕");
            assertThat(woman.character()).isNotIn("强", "刚", "军", "磊");
            shared += man.character().equals(woman.character()) ? 1 : 0;
        }
        assertThat(shared).isLessThan(100);
    }

    private static ChineseNames.Syllable syllable(String character) {
        return ChineseNames.find(character).orElseThrow(() -> new AssertionError("no character " + character));
    }
}
