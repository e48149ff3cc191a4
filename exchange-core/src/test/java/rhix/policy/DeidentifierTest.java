package rhix.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DeidentifierTest {

    private static final byte[] GRANT_KEY = key('a');
    private static final byte[] OTHER_GRANT_KEY = key('b');

    private final InMemoryTokenVault vault = new InMemoryTokenVault();
    private final SecretKey recipientKey = RecipientCipher.newKey();
    private final Deidentifier deidentifier = new Deidentifier(GRANT_KEY, vault, recipientKey);

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "PHONE, 13812345678, 138****5678",
            "PHONE, 138-1234-5678, 138****5678",
            "PHONE, 0571-88886666, 057*****6666",
            "PHONE, 1234567, *******",
            "PERSON_NAME, 张三丰, 张**",
            "PERSON_NAME, 李四, 李*",
            "PERSON_NAME, 王, *",
            "RESIDENT_ID, 11010519491231002X, 110105***********X",
            "RESIDENT_ID, 11010519491231002x, 110105***********X",
            "RESIDENT_ID, 110105491231002, 110105********2",
            "RESIDENT_ID, 1101051949, **********",
            "PERSON_ID, MRN00012345, *******2345",
            "PERSON_ID, 12345678, ********",
            "ADDRESS, 浙江省杭州市西湖区文三路90号, 浙江省杭州市****",
    })
    void masksKeepOnlyTheDocumentedPart(ValueKind kind, String value, String masked) {
        assertThat(deidentifier.apply(Deidentification.MASK, kind, value)).isEqualTo(masked);
    }

    @Test
    void masksCountCharactersNotCodeUnits() {
        // 𠀀 is outside the Basic Multilingual Plane: one character, two UTF-16 code units.
        assertThat(deidentifier.apply(Deidentification.MASK, ValueKind.PERSON_NAME, "𠀀小明")).isEqualTo("𠀀**");
        assertThat(deidentifier.apply(Deidentification.MASK, ValueKind.PERSON_NAME, "王𠀀")).isEqualTo("王*");
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @CsvSource({
            "DATE, FINE, 1984-07-23, 1984-07",
            "DATE, COARSE, 1984-07-23, 1984",
            "DATE, FINE, 2026-08-01T09:30:00+08:00, 2026-08",
            "AGE, FINE, 37, 35-39",
            "AGE, COARSE, 37, 30-39",
            "AGE, FINE, 0, 0-4",
            "AGE, FINE, 89, 85-89",
            "AGE, FINE, 90, 90+",
            "AGE, COARSE, 104, 90+",
            "DIVISION_CODE, FINE, 330106, 330100",
            "DIVISION_CODE, COARSE, 330106, 330000",
            "DIVISION_CODE, FINE, 330000, 330000",
            "DIAGNOSIS_CODE, FINE, E11.9, E11",
            "DIAGNOSIS_CODE, COARSE, e11.9, E",
            "NUMBER, FINE, 6.3, '[6, 7)'",
            "NUMBER, COARSE, 6.3, '[0, 10)'",
            "NUMBER, FINE, 143, '[100, 200)'",
            "NUMBER, COARSE, 143, '[0, 1000)'",
            "NUMBER, FINE, 0.42, '[0.4, 0.5)'",
            "NUMBER, FINE, -6.3, '[-7, -6)'",
            "NUMBER, FINE, 0, 0",
    })
    void generalisesEachKind(ValueKind kind, Generalisation generalisation, String value, String generalised) {
        assertThat(deidentifier.apply(Protection.generalise(generalisation), kind, value)).isEqualTo(generalised);
    }

    @ParameterizedTest
    @EnumSource(value = ValueKind.class, names = {"PERSON_NAME", "RESIDENT_ID", "PHONE", "PERSON_ID", "ADDRESS", "CODE", "TEXT"})
    void generalisingWhatHasNoCoarserFormIsRefused(ValueKind kind) {
        assertThatThrownBy(() -> deidentifier.apply(Protection.generalise(Generalisation.FINE), kind, "张三"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GENERALISE does not apply to " + kind + " values");
    }

    @Test
    void maskingADateIsRefused() {
        assertThatThrownBy(() -> deidentifier.apply(Deidentification.MASK, ValueKind.DATE, "1984-07-23"))
                .hasMessage("MASK does not apply to DATE values");
    }

    @Test
    void aMalformedValueIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> deidentifier.apply(Protection.generalise(Generalisation.FINE), ValueKind.DATE, "23/07/1984"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an ISO date")
                .hasMessageNotContaining("1984");
        assertThatThrownBy(() -> deidentifier.apply(Protection.generalise(Generalisation.FINE), ValueKind.DIVISION_CODE, "990101"))
                .hasMessageContaining("GB/T 2260").hasMessageNotContaining("990101");
        assertThatThrownBy(() -> deidentifier.apply(Protection.generalise(Generalisation.FINE), ValueKind.AGE, "-3"))
                .hasMessageContaining("whole years");
        assertThatThrownBy(() -> deidentifier.apply(Protection.generalise(Generalisation.FINE), ValueKind.NUMBER, "6,3"))
                .hasMessageContaining("decimal number");
        assertThatThrownBy(() -> deidentifier.apply(Protection.generalise(Generalisation.FINE), ValueKind.DIAGNOSIS_CODE, "diabetes"))
                .hasMessageContaining("ICD-10");
    }

    @Test
    void hashIsAKeyedHmacStableWithinAGrantAndDifferentAcrossGrants() {
        Deidentifier otherGrant = new Deidentifier(OTHER_GRANT_KEY, vault, null);

        String first = deidentifier.apply(Deidentification.HASH, ValueKind.RESIDENT_ID, "11010519491231002X");
        String again = deidentifier.apply(Deidentification.HASH, ValueKind.RESIDENT_ID, "11010519491231002x");
        String elsewhere = otherGrant.apply(Deidentification.HASH, ValueKind.RESIDENT_ID, "11010519491231002X");

        assertThat(first).matches("[0-9a-f]{64}").isEqualTo(again).isNotEqualTo(elsewhere);
        assertThat(deidentifier.apply(Deidentification.HASH, ValueKind.RESIDENT_ID, "110105194912310038")).isNotEqualTo(first);
    }

    @Test
    void tokensAreRandomStablePerValueAndReversibleOnlyInTheVault() {
        String token = deidentifier.apply(Deidentification.TOKENISE, ValueKind.PERSON_ID, "MRN00012345");

        assertThat(token).startsWith("tok_").doesNotContain("12345");
        assertThat(deidentifier.apply(Deidentification.TOKENISE, ValueKind.PERSON_ID, "MRN00012345")).isEqualTo(token);
        assertThat(deidentifier.apply(Deidentification.TOKENISE, ValueKind.PERSON_ID, "MRN00012346")).isNotEqualTo(token);
        assertThat(vault.valueOf(token)).contains("MRN00012345");
        assertThat(new InMemoryTokenVault().valueOf(token)).isEmpty();
    }

    @Test
    void encryptionCarriesItsIvAndOnlyTheRecipientDecrypts() {
        String sealed = deidentifier.apply(Deidentification.ENCRYPT, ValueKind.DIAGNOSIS_CODE, "B20");
        String sealedAgain = deidentifier.apply(Deidentification.ENCRYPT, ValueKind.DIAGNOSIS_CODE, "B20");

        assertThat(sealed).isNotEqualTo(sealedAgain); // a fresh IV per value
        assertThat(new RecipientCipher(recipientKey).decrypt(sealed)).isEqualTo("B20");
        assertThatThrownBy(() -> new RecipientCipher(RecipientCipher.newKey()).decrypt(sealed))
                .hasMessageContaining("wrong key or altered");
        String altered = (sealed.charAt(20) == 'A' ? "B" : "A");
        assertThatThrownBy(() -> new RecipientCipher(recipientKey).decrypt(sealed.substring(0, 20) + altered + sealed.substring(21)))
                .hasMessageContaining("wrong key or altered");
    }

    @Test
    void encryptWithoutARecipientKeyIsRefused() {
        Deidentifier noRecipient = new Deidentifier(GRANT_KEY, vault, null);

        assertThatThrownBy(() -> noRecipient.apply(Deidentification.ENCRYPT, ValueKind.CODE, "B20"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a recipient key");
    }

    @Test
    void suppressGivesNothingNoneGivesTheValueAndMissingStaysMissing() {
        assertThat(deidentifier.apply(Deidentification.SUPPRESS, ValueKind.TEXT, "findings")).isNull();
        assertThat(deidentifier.apply(Deidentification.NONE, ValueKind.TEXT, "findings")).isEqualTo("findings");
        for (Deidentification method : new Deidentification[] {Deidentification.MASK, Deidentification.HASH,
                Deidentification.TOKENISE, Deidentification.ENCRYPT}) {
            assertThat(deidentifier.apply(method, ValueKind.PHONE, null)).isNull();
        }
    }

    @Test
    void aShortHashKeyIsRefused() {
        assertThatThrownBy(() -> new Deidentifier("secret".getBytes(StandardCharsets.UTF_8), vault, null))
                .hasMessageContaining("at least 32 bytes");
    }

    private static byte[] key(char fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }
}
