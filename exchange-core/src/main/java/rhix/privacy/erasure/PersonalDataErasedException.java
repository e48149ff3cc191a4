package rhix.privacy.erasure;

/** New personal data was to be sealed for a person whose data was erased: it must not be collected again under their reference. */
public final class PersonalDataErasedException extends RuntimeException {

    private final String personRef;

    public PersonalDataErasedException(String personRef) {
        super("the personal data of " + personRef + " was erased; nothing more is sealed under this reference");
        this.personRef = personRef;
    }

    public String personRef() {
        return personRef;
    }
}
