package rhix.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminDivisionCodeTest {

    @Test
    void knowsItsLevelAndAncestors() {
        AdminDivisionCode county = AdminDivisionCode.of("330127");

        assertThat(county.level()).isEqualTo(AdminDivisionCode.Level.COUNTY);
        assertThat(county.city()).isEqualTo(AdminDivisionCode.of("330100"));
        assertThat(county.province()).isEqualTo(AdminDivisionCode.of("330000"));
        assertThat(AdminDivisionCode.of("330100").level()).isEqualTo(AdminDivisionCode.Level.CITY);
        assertThat(AdminDivisionCode.of("330000").level()).isEqualTo(AdminDivisionCode.Level.PROVINCE);
    }

    @Test
    void containmentFollowsTheTree() {
        assertThat(AdminDivisionCode.of("330127").isWithin(AdminDivisionCode.of("330100"))).isTrue();
        assertThat(AdminDivisionCode.of("330127").isWithin(AdminDivisionCode.of("330000"))).isTrue();
        assertThat(AdminDivisionCode.of("330203").isWithin(AdminDivisionCode.of("330100"))).isFalse();
        assertThat(AdminDivisionCode.of("320102").isWithin(AdminDivisionCode.of("330000"))).isFalse();
    }

    @Test
    void rejectsCodesOutsideGbT2260() {
        assertThat(AdminDivisionCode.isWellFormed("990000")).isFalse();
        assertThat(AdminDivisionCode.isWellFormed("33010")).isFalse();
        assertThat(AdminDivisionCode.isWellFormed("33O102")).isFalse();
        assertThatThrownBy(() -> AdminDivisionCode.of("000000")).hasMessageContaining("000000");
    }
}
