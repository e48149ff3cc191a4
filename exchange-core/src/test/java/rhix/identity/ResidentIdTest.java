package rhix.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResidentIdTest {

    /** The worked example of GB 11643-1999 Appendix A. */
    private static final String STANDARD_EXAMPLE = "11010519491231002X";

    @Test
    void acceptsTheStandardsWorkedExampleAndReadsItsParts() throws InvalidResidentIdException {
        ResidentId id = ResidentId.parse(STANDARD_EXAMPLE);

        assertThat(id.value()).isEqualTo(STANDARD_EXAMPLE);
        assertThat(id.addressCode()).isEqualTo(AdminDivisionCode.of("110105"));
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.sex()).isEqualTo(Gender.FEMALE);
        assertThat(id.legacyForm()).isFalse();
    }

    @Test
    void computesTheCheckCharacterOverIso7064Mod112() {
        assertThat(ResidentId.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentId.checkCharacter("44052418800101001")).isEqualTo('4');
    }

    @Test
    void builtNumbersAlwaysParseBackWithTheirParts() throws InvalidResidentIdException {
        for (int sequence = 0; sequence < 1000; sequence += 37) {
            ResidentId built = ResidentId.of(AdminDivisionCode.of("330102"), LocalDate.of(1987, 2, 28), sequence);
            ResidentId parsed = ResidentId.parse(built.value());
            assertThat(parsed).isEqualTo(built);
            assertThat(parsed.sex()).isEqualTo(sequence % 2 == 1 ? Gender.MALE : Gender.FEMALE);
        }
    }

    @Test
    void aLegacyFifteenDigitNumberConvertsToTheEighteenCharacterForm() throws InvalidResidentIdException {
        ResidentId legacy = ResidentId.parse("110105491231002");

        assertThat(legacy.value()).isEqualTo(STANDARD_EXAMPLE);
        assertThat(legacy.legacyForm()).isTrue();
        assertThat(legacy.toLegacyForm()).isEqualTo("110105491231002");
        assertThat(legacy.value()).isEqualTo(ResidentId.parse(STANDARD_EXAMPLE).value());
    }

    @Test
    void acceptsALowerCaseXAndSurroundingSpace() throws InvalidResidentIdException {
        assertThat(ResidentId.parse(" 11010519491231002x ").value()).isEqualTo(STANDARD_EXAMPLE);
    }

    @ParameterizedTest
    @CsvSource({
            "110105194912310021, CHECK_CHARACTER_MISMATCH",
            "110105194913310023, BAD_BIRTH_DATE",
            "000105194912310021, BAD_ADDRESS_CODE",
            "1101051949123100, WRONG_LENGTH",
            "11010519491231002Y, NOT_DIGITS",
            "11010A491231002, NOT_DIGITS",
            "110105491331002, BAD_BIRTH_DATE"
    })
    void namesTheRuleAnInvalidNumberBreaks(String input, InvalidResidentIdException.Reason reason) {
        assertThatThrownBy(() -> ResidentId.parse(input))
                .isInstanceOfSatisfying(InvalidResidentIdException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(reason.explanation());
    }

    @Test
    void theMessageAndToStringDoNotDiscloseTheWholeNumber() throws InvalidResidentIdException {
        assertThatThrownBy(() -> ResidentId.parse("110105194912310021"))
                .hasMessageNotContaining("194912310021").hasMessageContaining("110105");
        assertThat(ResidentId.parse(STANDARD_EXAMPLE).toString()).doesNotContain("19491231");
    }

    @Test
    void aFutureBirthDateIsInvalid() {
        String body = "330102" + LocalDate.now().plusYears(1).toString().replace("-", "") + "001";
        assertThatThrownBy(() -> ResidentId.parse(body + ResidentId.checkCharacter(body)))
                .isInstanceOfSatisfying(InvalidResidentIdException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidResidentIdException.Reason.BAD_BIRTH_DATE));
    }
}
