package rhix.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandArgumentsTest {

    @Test
    void freeTextQuotingAnEighteenDigitResidentIdIsRefused() {
        assertThatThrownBy(() -> CommandArguments.requireFreeText("patient 33012719800101123x asked", "reason"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason looks like it contains a resident ID number; refer to the patient by enterprise id only");
    }

    @Test
    void freeTextQuotingALegacyFifteenDigitResidentIdIsRefused() {
        assertThatThrownBy(() -> CommandArguments.requireFreeText("id 330127800101123", "detail"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("detail looks like it contains a resident ID number");
    }

    @Test
    void freeTextWithCodesDatesAndPhoneLengthNumbersIsAccepted() {
        String text = "LOINC 2345-7 collected 2026-11-23 20261123080000, lab phone 13800138000";

        assertThat(CommandArguments.requireFreeText(text, "detail")).isEqualTo(text);
    }

    @Test
    void listWithABlankEntryIsRefused() {
        assertThatThrownBy(() -> CommandArguments.requireDistinct(List.of("2345-7", " "), "itemCodes", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("itemCodes has a blank entry");
    }

    @Test
    void listWithAMissingEntryIsRefused() {
        assertThatThrownBy(() -> CommandArguments.requireDistinct(Arrays.asList("2345-7", null), "itemCodes", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("itemCodes entry is missing");
    }
}
