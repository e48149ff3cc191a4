package rhix.identity;

import java.util.Arrays;

/** GB/T 2261.1-2003 human sexes, with the FHIR administrative gender each maps to. */
public enum Gender {
    UNKNOWN("0", "未知的性别", "unknown"),
    MALE("1", "男性", "male"),
    FEMALE("2", "女性", "female"),
    UNSPECIFIED("9", "未说明的性别", "other");

    public static final String CODE_SYSTEM = "http://rhix.org.cn/fhir/CodeSystem/gbt-2261-1";

    private final String code;
    private final String displayZh;
    private final String fhirAdministrativeGender;

    Gender(String code, String displayZh, String fhirAdministrativeGender) {
        this.code = code;
        this.displayZh = displayZh;
        this.fhirAdministrativeGender = fhirAdministrativeGender;
    }

    public String code() {
        return code;
    }

    public String displayZh() {
        return displayZh;
    }

    public String fhirAdministrativeGender() {
        return fhirAdministrativeGender;
    }

    public static Gender fromCode(String code) {
        return Arrays.stream(values()).filter(g -> g.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a GB/T 2261.1 sex code: '" + code + "'"));
    }

    public static Gender fromFhir(String administrativeGender) {
        return Arrays.stream(values()).filter(g -> g.fhirAdministrativeGender.equals(administrativeGender)).findFirst()
                .orElse(UNKNOWN);
    }
}
