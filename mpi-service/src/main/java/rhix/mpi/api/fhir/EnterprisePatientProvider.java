package rhix.mpi.api.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import rhix.fhir.RhixNamingSystems;
import rhix.mpi.index.EnterpriseIdentityStore.DemographicQuery;

/**
 * Enterprise identities as Patients: read by enterprise id (a retired id reads as the inactive Patient that
 * points at its survivor), and IHE PDQm's demographic search over the golden records.
 *
 * <p>Names are matched the way Chinese names are written, family name first in one string: a value with
 * Han characters is matched against the Chinese name, any other against the pinyin (case, tones and spaces
 * ignored). {@code family} and {@code name} match the start of the whole name, {@code given} what follows
 * the family name. Only what the golden record holds is searchable, so a search finds a person by the
 * traits the MPI chose for them, not by every variant a hospital registered.
 */
final class EnterprisePatientProvider implements IResourceProvider {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    private final EnterprisePatients patients;
    private final int maximumResults;

    EnterprisePatientProvider(EnterprisePatients patients, int maximumResults) {
        this.patients = patients;
        this.maximumResults = maximumResults;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
        return patients.read(id.getIdPart()).map(GoldenPatient::of)
                .orElseThrow(() -> new ResourceNotFoundException(id.toUnqualifiedVersionless()));
    }

    @Search
    public List<Patient> search(@OptionalParam(name = IAnyResource.SP_RES_ID) TokenParam id,
                                @OptionalParam(name = Patient.SP_FAMILY) StringParam family,
                                @OptionalParam(name = Patient.SP_GIVEN) StringParam given,
                                @OptionalParam(name = Patient.SP_NAME) StringParam name,
                                @OptionalParam(name = Patient.SP_BIRTHDATE) DateParam birthDate,
                                @OptionalParam(name = Patient.SP_GENDER) TokenParam gender,
                                @OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
                                @OptionalParam(name = Patient.SP_TELECOM) TokenParam telecom) {
        if (family != null && name != null) {
            throw new InvalidRequestException("give either 'family' or 'name': both match the start of the whole name here");
        }
        StringParam whole = family != null ? family : name;
        String wholeText = text(whole, family != null ? Patient.SP_FAMILY : Patient.SP_NAME);
        String givenText = text(given, Patient.SP_GIVEN);
        DemographicQuery query = new DemographicQuery(null,
                wholeText != null && isHan(wholeText) ? wholeText : null,
                wholeText != null && !isHan(wholeText) ? pinyin(wholeText, Patient.SP_NAME) : null,
                date(birthDate),
                gender == null ? null : requireValue(gender, Patient.SP_GENDER).toLowerCase(Locale.ROOT),
                telecom == null ? null : phone(telecom),
                id == null ? null : requireValue(id, IAnyResource.SP_RES_ID),
                givenText != null && isHan(givenText) ? givenText : null,
                givenText != null && !isHan(givenText) ? pinyin(givenText, Patient.SP_GIVEN) : null);
        EnterprisePatients.SystemValue byIdentifier = identifier == null ? null : systemValue(identifier);
        if (query.isEmpty() && byIdentifier == null) {
            throw new InvalidRequestException("a Patient search needs at least one of identifier, family, given, name, birthdate,"
                    + " gender, telecom or _id: listing every person in the region is not a PDQm query");
        }
        return patients.search(query, byIdentifier, maximumResults).stream().map(GoldenPatient::of).toList();
    }

    static EnterprisePatients.SystemValue systemValue(TokenParam identifier) {
        if (identifier.getModifier() != null) {
            throw new InvalidRequestException("identifier:" + identifier.getModifier().getValue() + " is not supported; give system|value");
        }
        if (identifier.getSystem() == null || identifier.getSystem().isBlank()
                || identifier.getValue() == null || identifier.getValue().isBlank()) {
            throw new InvalidRequestException("identifier needs system|value (e.g. " + RhixNamingSystems.RESIDENT_ID
                    + "|<ID>, " + RhixNamingSystems.ENTERPRISE_ID + "|<id>, or a hospital's patient-number system|<number>)");
        }
        return new EnterprisePatients.SystemValue(identifier.getSystem(), identifier.getValue());
    }

    private static String text(StringParam parameter, String name) {
        if (parameter == null) {
            return null;
        }
        if (parameter.isExact() || parameter.isContains()) {
            throw new InvalidRequestException(name + ":" + (parameter.isExact() ? "exact" : "contains")
                    + " is not supported here; names match by their start");
        }
        String value = parameter.getValue() == null ? "" : parameter.getValue().strip();
        if (value.isEmpty()) {
            throw new InvalidRequestException(name + " is empty");
        }
        return value;
    }

    private static boolean isHan(String value) {
        return HAN.matcher(value).find();
    }

    /** Pinyin as the index keeps it: lower case, letters only (tone marks and digits gone). */
    private static String pinyin(String value, String name) {
        String letters = value.toLowerCase(Locale.ROOT).replaceAll("[^a-zü]", "");
        if (letters.isEmpty()) {
            throw new InvalidRequestException(name + " '" + value + "' holds neither Chinese characters nor pinyin letters");
        }
        return letters;
    }

    private static LocalDate date(DateParam birthDate) {
        if (birthDate == null) {
            return null;
        }
        if (birthDate.getPrefix() != null && birthDate.getPrefix() != ParamPrefixEnum.EQUAL) {
            throw new InvalidRequestException("birthdate takes a plain date here (no " + birthDate.getPrefix().getValue()
                    + " prefix): a birth date identifies, a range does not");
        }
        if (birthDate.getValue() == null || birthDate.getPrecision() != TemporalPrecisionEnum.DAY) {
            throw new InvalidRequestException("birthdate needs a full date, YYYY-MM-DD");
        }
        return LocalDate.parse(birthDate.getValueAsString().substring(0, 10));
    }

    private static String phone(TokenParam telecom) {
        if (telecom.getSystem() != null && !telecom.getSystem().isBlank() && !"phone".equals(telecom.getSystem())) {
            throw new InvalidRequestException("telecom searches phone numbers only (telecom=phone|<number> or telecom=<number>)");
        }
        String digits = requireValue(telecom, Patient.SP_TELECOM).replaceAll("\\D", "");
        if (digits.isEmpty()) {
            throw new InvalidRequestException("telecom '" + telecom.getValue() + "' holds no digits");
        }
        return digits;
    }

    private static String requireValue(TokenParam parameter, String name) {
        if (parameter.getModifier() != null) {
            throw new InvalidRequestException(name + ":" + parameter.getModifier().getValue() + " is not supported here");
        }
        if (parameter.getValue() == null || parameter.getValue().isBlank()) {
            throw new InvalidRequestException(name + " is empty");
        }
        return parameter.getValue().strip();
    }
}
