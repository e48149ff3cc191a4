package rhix.fhir.facade.security;

/**
 * Whose data a SMART scope reaches: one patient's compartment ({@code patient/}), whatever the signed-in
 * user may see ({@code user/}), or a back-end system acting on its own ({@code system/}).
 */
public enum ScopeContext {
    PATIENT("patient"),
    USER("user"),
    SYSTEM("system");

    private final String prefix;

    ScopeContext(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
