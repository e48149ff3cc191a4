package rhix.mpi.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.fhir.RhixNamingSystems;
import rhix.fhir.facade.security.LocalTokenIssuer;
import rhix.fhir.facade.security.TokenRequest;
import rhix.identity.AdminDivisionCode;
import rhix.identity.ResidentId;
import rhix.mpi.MpiTestService;
import rhix.mpi.audit.AccessAuditLog;
import rhix.mpi.index.IdentityStewardship;
import rhix.mpi.index.MasterPatientIndex;
import rhix.mpi.index.MasterPatientIndex.Registration;
import rhix.mpi.index.RegisteredRecord;
import rhix.mpi.match.IdentityRecord;

/**
 * The MPI's FHIR API over HTTP with bearer tokens, on PostgreSQL: $match grades, PIXm, PDQm, merged
 * identities' links, and the facade's security.
 */
class MpiFhirApiTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String ISSUER = "https://auth.test.rhix.example";
    private static final LocalTokenIssuer AUTHORITY = LocalTokenIssuer.generate(ISSUER, JWSAlgorithm.ES256);
    private static final String COUNTY_MRN = RhixNamingSystems.hospitalPatientIds("H330102001");
    private static final String CITY_MRN = RhixNamingSystems.hospitalPatientIds("H330100001");
    private static final String WANG_ID = ResidentId.of(AdminDivisionCode.of("330102"), LocalDate.of(1971, 4, 9), 11).value();

    private static MpiTestService mpi;
    private static IGenericClient client;
    private static String baseUrl;
    private static String wang;
    private static String zhao;
    private static String zhaoNamesake;

    @BeforeAll
    static void start() {
        mpi = MpiTestService.start("mpi_fhir", Map.of("rhix.mpi.fhir.security.enabled", true,
                "rhix.mpi.fhir.security.issuer", ISSUER, "rhix.mpi.fhir.security.jwks", AUTHORITY.publicJwks()));
        baseUrl = mpi.bean(MpiFhirServer.class).baseUrl();
        client = client(token("system/Patient.rs"));

        wang = register(record("county-330102", "p-1", "王建国", "wang jian guo", WANG_ID, "1971-04-09", "13900001111", COUNTY_MRN, "P-1"))
                .enterpriseId();
        Registration cityWang = register(record("city-330100", "q-7", "王建国", "Wang Jianguo", WANG_ID, "1971-04-09", "13900001111",
                CITY_MRN, "Q-7"));
        assertThat(cityWang.enterpriseId()).isEqualTo(wang);
        zhao = register(record("county-330102", "g-1", "赵敏", "zhao min", "", "1990-06-15", "13700000001", COUNTY_MRN, "G-1"))
                .enterpriseId();
        Registration namesake = register(record("county-330225", "g-2", "赵敏", "zhao min", "", "1990-06-15", "", null, null));
        assertThat(namesake.outcome()).isEqualTo(MasterPatientIndex.Outcome.REVIEW);
        zhaoNamesake = namesake.enterpriseId();
    }

    @AfterAll
    static void stop() {
        if (mpi != null) {
            mpi.close();
        }
    }

    @Test
    void anExactProbeIsACertainMatchWithAProbabilityScore() {
        Bundle matches = match(probe("王建国", "wang jian guo", "1971-04-09", WANG_ID, null), null, null);

        assertThat(matches.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        Bundle.BundleEntryComponent best = matches.getEntryFirstRep();
        assertThat(best.getResource().getIdElement().getIdPart()).isEqualTo(wang);
        assertThat(best.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
        assertThat(best.getSearch().getScore().doubleValue()).isBetween(0.99, 1.0);
        assertThat(grade(best)).isEqualTo("certain");
        Patient golden = (Patient) best.getResource();
        assertThat(golden.getIdentifier()).extracting(Identifier::getSystem, Identifier::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple(RhixNamingSystems.ENTERPRISE_ID, wang),
                        org.assertj.core.groups.Tuple.tuple(RhixNamingSystems.RESIDENT_ID, WANG_ID),
                        org.assertj.core.groups.Tuple.tuple(COUNTY_MRN, "P-1"), org.assertj.core.groups.Tuple.tuple(CITY_MRN, "Q-7"));
        assertThat(golden.getNameFirstRep().getText()).isEqualTo("王建国");
        // Survivorship chose one of the two registered spellings.
        assertThat(golden.getNameFirstRep().getExtensionString(RhixNamingSystems.PINYIN_EXTENSION)).isIn("wang jian guo", "wang jianguo");
        assertThat(golden.getLink()).filteredOn(link -> link.getType() == Patient.LinkType.SEEALSO)
                .extracting(link -> link.getOther().getIdentifier().getValue()).containsExactlyInAnyOrder("P-1", "Q-7");
    }

    @Test
    void aNoisyProbeWithoutTheIdNumberStillFindsThePerson() {
        // A homophone character, pinyin run together, no ID number: the phone and the birth date carry it.
        Bundle matches = match(probe("王建囯", "WANG JIANGUO", "1971-04-09", null, "139-0000-1111"), null, null);

        Bundle.BundleEntryComponent best = matches.getEntryFirstRep();
        assertThat(best.getResource().getIdElement().getIdPart()).isEqualTo(wang);
        assertThat(grade(best)).isIn("certain", "probable");
        assertThat(best.getSearch().getScore().doubleValue()).isGreaterThan(0.5);
    }

    @Test
    void aGreyBandProbeIsGradedBelowCertainAndCountLimitsTheAnswer() {
        // Same name and birth date, nothing else in common, living elsewhere: the index would ask a person.
        Patient sameNameAndBirthDate = probe("赵敏", "zhao min", "1990-06-15", null, null);
        sameNameAndBirthDate.addAddress().addExtension(RhixNamingSystems.ADMIN_DIVISION, new org.hl7.fhir.r4.model.CodeType("330302"));

        Bundle matches = match(sameNameAndBirthDate, null, null);
        assertThat(entries(matches)).extracting(entry -> entry.getResource().getIdElement().getIdPart())
                .containsExactlyInAnyOrder(zhao, zhaoNamesake);
        assertThat(entries(matches)).allSatisfy(entry -> assertThat(grade(entry)).isIn("probable", "possible"));

        assertThat(entries(match(sameNameAndBirthDate, null, 1))).hasSize(1);
        assertThat(entries(match(sameNameAndBirthDate, true, null))).isEmpty();
    }

    @Test
    void onlyCertainMatchesKeepsTheOneCertainIdentity() {
        Bundle matches = match(probe("王建国", "wang jian guo", "1971-04-09", WANG_ID, null), true, null);

        assertThat(entries(matches)).singleElement().satisfies(entry -> {
            assertThat(entry.getResource().getIdElement().getIdPart()).isEqualTo(wang);
            assertThat(grade(entry)).isEqualTo("certain");
        });
    }

    @Test
    void anInvalidIdNumberInTheProbeIsNotUsedAndTheBundleSaysSo() {
        String invalid = WANG_ID.substring(0, 17) + (WANG_ID.charAt(17) == '0' ? '1' : '0');

        Bundle matches = match(probe("王建国", "wang jian guo", "1971-04-09", invalid, null), null, null);

        assertThat(matches.getEntry()).filteredOn(entry -> entry.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)
                .singleElement().satisfies(entry -> assertThat(((OperationOutcome) entry.getResource()).getIssueFirstRep()
                        .getDiagnostics()).contains(invalid).contains("not used"));
        assertThat(entries(matches)).extracting(entry -> entry.getResource().getIdElement().getIdPart()).contains(wang);
    }

    @Test
    void aProbeThatCannotBeMatchedIsRefusedSayingWhy() {
        Patient genderOnly = new Patient().setGender(AdministrativeGender.FEMALE);

        assertThatThrownBy(() -> match(genderOnly, null, null)).isInstanceOfSatisfying(UnprocessableEntityException.class,
                e -> assertThat(diagnostics(e)).contains("resident ID").contains("no name").contains("no full birth date"));
    }

    @Test
    void aMalformedRequestIsABadRequest() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/Patient/$match"))
                .header("Authorization", "Bearer " + token("system/Patient.rs"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"resource\","
                        + "\"resource\":{\"resourceType\":\"Patient\",\"birthDate\":")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome");
    }

    @Test
    void pixmCrossReferencesAHospitalNumberToThePersonsOtherIdentifiers() {
        Parameters answer = pix(COUNTY_MRN + "|P-1");

        assertThat(answer.getParameter()).filteredOn(p -> p.getName().equals("targetIdentifier"))
                .extracting(p -> ((Identifier) p.getValue()).getSystem() + "|" + ((Identifier) p.getValue()).getValue())
                .containsExactlyInAnyOrder(CITY_MRN + "|Q-7", RhixNamingSystems.RESIDENT_ID + "|" + WANG_ID,
                        RhixNamingSystems.ENTERPRISE_ID + "|" + wang);
        assertThat(answer.getParameter()).filteredOn(p -> p.getName().equals("targetId"))
                .extracting(p -> ((Reference) p.getValue()).getReference()).containsExactly("Patient/" + wang);
    }

    @Test
    void pixmKeepsToTheTargetSystemsAsked() {
        Parameters answer = pix(RhixNamingSystems.RESIDENT_ID + "|" + WANG_ID, CITY_MRN);

        assertThat(answer.getParameter()).filteredOn(p -> p.getName().equals("targetIdentifier"))
                .extracting(p -> ((Identifier) p.getValue()).getValue()).containsExactly("Q-7");
    }

    @Test
    void pixmAnswersUnknownIdentifiersAsIti83Says() {
        assertThatThrownBy(() -> pix(COUNTY_MRN + "|NOBODY")).isInstanceOfSatisfying(ResourceNotFoundException.class,
                e -> assertThat(diagnostics(e)).contains("sourceIdentifier Patient Identifier not found"));
        assertThatThrownBy(() -> pix("urn:oid:1.2.3.4|P-1")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(diagnostics(e)).contains("sourceIdentifier Assigning Authority not found"));
        assertThatThrownBy(() -> pix(COUNTY_MRN + "|P-1", "urn:oid:1.2.3.4")).isInstanceOfSatisfying(ForbiddenOperationException.class,
                e -> assertThat(diagnostics(e)).contains("targetSystem not found"));
    }

    @Test
    void pdqmFindsAPersonByNameAndBirthDate() {
        Bundle byChineseName = client.search().forResource(Patient.class)
                .where(Patient.FAMILY.matches().value("王")).and(Patient.BIRTHDATE.exactly().day("1971-04-09"))
                .returnBundle(Bundle.class).execute();
        Bundle byPinyin = client.search().forResource(Patient.class)
                .where(Patient.NAME.matches().value("Wang Jianguo")).and(Patient.GIVEN.matches().value("jian"))
                .returnBundle(Bundle.class).execute();

        assertThat(byChineseName.getEntry()).extracting(entry -> entry.getResource().getIdElement().getIdPart()).containsExactly(wang);
        assertThat(byPinyin.getEntry()).extracting(entry -> entry.getResource().getIdElement().getIdPart()).containsExactly(wang);
    }

    @Test
    void pdqmFindsAPersonByAnyOfTheirIdentifiers() {
        for (String identifier : List.of(RhixNamingSystems.RESIDENT_ID + "|" + WANG_ID, CITY_MRN + "|Q-7",
                RhixNamingSystems.ENTERPRISE_ID + "|" + wang)) {
            Bundle found = client.search().forResource(Patient.class)
                    .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(identifier.substring(0, identifier.lastIndexOf('|')),
                            identifier.substring(identifier.lastIndexOf('|') + 1)))
                    .returnBundle(Bundle.class).execute();
            assertThat(found.getEntry()).as(identifier).extracting(entry -> entry.getResource().getIdElement().getIdPart())
                    .containsExactly(wang);
        }
    }

    @Test
    void pdqmRefusesParametersItDoesNotImplement() {
        assertThatThrownBy(() -> client.search().byUrl("Patient?address-city=Hangzhou").returnBundle(Bundle.class).execute())
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aMergedIdentityPointsToItsSurvivorAndTheSurvivorBackToIt() {
        String survivor = register(record("county-330102", "m-1", "孙丽", "sun li", "", "1982-12-01", "13600000009", COUNTY_MRN, "M-1"))
                .enterpriseId();
        String retired = register(record("city-330100", "m-2", "周强", "zhou qiang", "", "1975-09-30", "13500000002", CITY_MRN, "M-2"))
                .enterpriseId();
        mpi.bean(IdentityStewardship.class).merge(survivor, retired, "test-steward", "one person, two registrations");

        Patient retiredPatient = client.read().resource(Patient.class).withId(retired).execute();
        Patient survivorPatient = client.read().resource(Patient.class).withId(survivor).execute();

        assertThat(retiredPatient.getActive()).isFalse();
        assertThat(retiredPatient.getLink()).singleElement().satisfies(link -> {
            assertThat(link.getType()).isEqualTo(Patient.LinkType.REPLACEDBY);
            assertThat(link.getOther().getReference()).isEqualTo("Patient/" + survivor);
        });
        assertThat(survivorPatient.getActive()).isTrue();
        assertThat(survivorPatient.getLink()).filteredOn(link -> link.getType() == Patient.LinkType.REPLACES)
                .extracting(link -> link.getOther().getReference()).containsExactly("Patient/" + retired);
        assertThat(survivorPatient.getIdentifier()).filteredOn(id -> id.getUse() == Identifier.IdentifierUse.OLD)
                .extracting(Identifier::getValue).containsExactly(retired);
        assertThat(pix(RhixNamingSystems.ENTERPRISE_ID + "|" + retired).getParameter())
                .filteredOn(p -> p.getName().equals("targetId")).extracting(p -> ((Reference) p.getValue()).getReference())
                .containsExactly("Patient/" + survivor);
    }

    @Test
    void anUnknownIdentityIsNotFound() {
        assertThatThrownBy(() -> client.read().resource(Patient.class).withId("no-such-person").execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void withoutATokenEveryRequestIsUnauthorized() {
        IGenericClient anonymous = client(null);

        assertThatThrownBy(() -> anonymous.read().resource(Patient.class).withId(wang).execute())
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> pix(anonymous, COUNTY_MRN + "|P-1")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aTokenWithoutAPatientSearchScopeIsForbidden() {
        IGenericClient observationsOnly = client(token("system/Observation.rs"));

        assertThatThrownBy(() -> pix(observationsOnly, COUNTY_MRN + "|P-1")).isInstanceOf(ForbiddenOperationException.class);
        assertThatThrownBy(() -> observationsOnly.operation().onType(Patient.class).named("$match")
                .withParameter(Parameters.class, "resource", probe("王建国", "wang jian guo", "1971-04-09", WANG_ID, null))
                .returnResourceType(Bundle.class).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(diagnostics(e)).contains("Patient.s"));
        assertThatThrownBy(() -> observationsOnly.search().forResource(Patient.class).where(Patient.FAMILY.matches().value("王"))
                .returnBundle(Bundle.class).execute()).isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void everyCallIsAuditedWithWhoAndWhyRefusedOnesToo() throws Exception {
        IGenericClient registrar = client(AUTHORITY.sign(TokenRequest.of("audited-registrar", "user/Patient.rs", "TREAT")));
        IGenericClient outsider = client(AUTHORITY.sign(TokenRequest.of("audited-outsider", "user/Observation.rs", "HPAYMT")));

        Bundle matches = registrar.operation().onType(Patient.class).named("$match")
                .withParameter(Parameters.class, "resource", probe("王建国", "wang jian guo", "1971-04-09", WANG_ID, null))
                .returnResourceType(Bundle.class).execute();
        assertThat(matches.getEntry()).isNotEmpty();
        assertThatThrownBy(() -> pix(outsider, COUNTY_MRN + "|P-1")).isInstanceOf(ForbiddenOperationException.class);
        AccessAuditLog audit = mpi.bean(AccessAuditLog.class);
        audit.flush(5_000);

        try (java.sql.Connection connection = mpi.database().connect()) {
            List<AccessAuditLog.Entry> allowed = audit.recent(connection, java.util.Optional.of("audited-registrar"),
                    java.util.Optional.empty(), 10);
            assertThat(allowed).singleElement().satisfies(entry -> {
                assertThat(entry.interaction()).isEqualTo("extended-operation-type");
                assertThat(entry.purposeOfUse()).isEqualTo("TREAT");
                assertThat(entry.outcome()).isEqualTo("0");
                AuditEvent event = FHIR.newJsonParser().parseResource(AuditEvent.class, entry.auditEvent());
                assertThat(event.getSource().getObserver().getDisplay()).isEqualTo("mpi");
                assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
            });
            List<AccessAuditLog.Entry> refused = audit.recent(connection, java.util.Optional.of("audited-outsider"),
                    java.util.Optional.empty(), 10);
            assertThat(refused).singleElement().satisfies(entry -> {
                assertThat(entry.outcome()).isEqualTo("4");
                assertThat(entry.purposeOfUse()).isEqualTo("HPAYMT");
                assertThat(FHIR.newJsonParser().parseResource(AuditEvent.class, entry.auditEvent()).getOutcomeDesc())
                        .startsWith("403");
            });
            try (java.sql.Statement tamper = connection.createStatement()) {
                assertThatThrownBy(() -> tamper.executeUpdate("UPDATE access_audit SET subject = 'nobody'"))
                        .hasMessageContaining("append-only");
            }
        }
        String admin = mpi.bean(io.micronaut.runtime.server.EmbeddedServer.class).getURL() + "/mpi/audit";
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> trail = http.send(HttpRequest.newBuilder(URI.create(admin + "?subject=audited-outsider")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(trail.body()).contains("\"subject\":\"audited-outsider\"", "\"outcome\":\"4\"").doesNotContain("audited-registrar");
        HttpResponse<String> tooMany = http.send(HttpRequest.newBuilder(URI.create(admin + "?limit=100000")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("limit must be 1..500");
    }

    @Test
    void theAnswersConformToTheR4CoreProfiles() {
        String invalid = WANG_ID.substring(0, 17) + (WANG_ID.charAt(17) == '0' ? '1' : '0');
        List<org.hl7.fhir.instance.model.api.IBaseResource> answers = List.of(
                match(probe("王建国", "wang jian guo", "1971-04-09", invalid, null), null, null),
                pix(COUNTY_MRN + "|P-1"),
                client.read().resource(Patient.class).withId(wang).execute(),
                client.search().forResource(Patient.class).where(Patient.FAMILY.matches().value("赵"))
                        .returnBundle(Bundle.class).execute());

        ca.uhn.fhir.validation.FhirValidator validator = r4CoreValidator();
        for (org.hl7.fhir.instance.model.api.IBaseResource answer : answers) {
            assertThat(validator.validateWithResult(answer).getMessages())
                    .as(answer.fhirType() + " " + FHIR.newJsonParser().encodeResourceToString(answer))
                    .filteredOn(message -> message.getSeverity().ordinal() >= ca.uhn.fhir.validation.ResultSeverityEnum.ERROR.ordinal())
                    .isEmpty();
        }
    }

    /** HAPI's validator with the R4 core profiles; code systems it cannot know without a server are warnings. */
    private static ca.uhn.fhir.validation.FhirValidator r4CoreValidator() {
        var unknownCodeSystems = new org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport(FHIR);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity.WARNING);
        var support = new org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain(
                new ca.uhn.fhir.context.support.DefaultProfileValidationSupport(FHIR),
                new org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService(FHIR),
                new org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport(FHIR),
                new org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport(FHIR), unknownCodeSystems);
        ca.uhn.fhir.validation.FhirValidator validator = FHIR.newValidator();
        validator.registerValidatorModule(new org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator(support));
        return validator;
    }

    private static Bundle match(Patient probe, Boolean onlyCertainMatches, Integer count) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(probe);
        if (onlyCertainMatches != null) {
            parameters.addParameter().setName("onlyCertainMatches").setValue(new BooleanType(onlyCertainMatches));
        }
        if (count != null) {
            parameters.addParameter().setName("count").setValue(new IntegerType(count));
        }
        return client.operation().onType(Patient.class).named("$match").withParameters(parameters)
                .returnResourceType(Bundle.class).execute();
    }

    private static Parameters pix(String sourceIdentifier, String... targetSystems) {
        return pix(client, sourceIdentifier, targetSystems);
    }

    private static Parameters pix(IGenericClient caller, String sourceIdentifier, String... targetSystems) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("sourceIdentifier").setValue(new StringType(sourceIdentifier));
        for (String target : targetSystems) {
            parameters.addParameter().setName("targetSystem").setValue(new UriType(target));
        }
        return caller.operation().onType(Patient.class).named("$ihe-pix").withParameters(parameters).useHttpGet()
                .returnResourceType(Parameters.class).execute();
    }

    private static List<Bundle.BundleEntryComponent> entries(Bundle bundle) {
        return bundle.getEntry().stream().filter(entry -> entry.getSearch().getMode() == Bundle.SearchEntryMode.MATCH).toList();
    }

    private static String grade(Bundle.BundleEntryComponent entry) {
        return entry.getSearch().getExtensionByUrl(MatchGrade.EXTENSION_URL).getValue().primitiveValue();
    }

    private static String diagnostics(BaseServerResponseException e) {
        IBaseOperationOutcome outcome = e.getOperationOutcome();
        return outcome == null ? e.getMessage() : ((OperationOutcome) outcome).getIssueFirstRep().getDiagnostics();
    }

    private static Patient probe(String nameZh, String pinyin, String birthDate, String residentId, String phone) {
        Patient patient = new Patient().setGender(AdministrativeGender.FEMALE);
        patient.addName().setText(nameZh).addExtension(RhixNamingSystems.PINYIN_EXTENSION, new StringType(pinyin));
        patient.setBirthDateElement(new DateType(birthDate));
        if (residentId != null) {
            patient.addIdentifier().setSystem(RhixNamingSystems.RESIDENT_ID).setValue(residentId);
        }
        if (phone != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        }
        return patient;
    }

    private static Registration register(RegisteredRecord record) {
        return mpi.bean(MasterPatientIndex.class).register(List.of(record), "test-node").getFirst();
    }

    private static RegisteredRecord record(String node, String localId, String nameZh, String pinyin, String residentId,
                                           String birthDate, String phone, String mrnSystem, String mrn) {
        IdentityRecord traits = IdentityRecord.of(node, localId, nameZh, pinyin, "female", LocalDate.parse(birthDate), residentId,
                phone, node.substring(node.length() - 6));
        return new RegisteredRecord(traits, "H" + node.substring(node.length() - 6) + "001", mrnSystem, mrn, Instant.now());
    }

    private static String token(String scope) {
        return AUTHORITY.sign(TokenRequest.of("test-registrar", scope, "TREAT"));
    }

    private static IGenericClient client(String token) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient generic = FHIR.newRestfulGenericClient(baseUrl);
        if (token != null) {
            generic.registerInterceptor(new BearerTokenAuthInterceptor(token));
        }
        return generic;
    }
}
