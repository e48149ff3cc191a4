package rhix.fhir.facade.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmartScopeTest {

    @Test
    void parsesVersion2Scopes() {
        assertThat(SmartScope.parse("patient/*.rs")).contains(new SmartScope(ScopeContext.PATIENT, "*",
                EnumSet.of(ScopePermission.READ, ScopePermission.SEARCH)));
        assertThat(SmartScope.parse("user/Observation.rs")).contains(new SmartScope(ScopeContext.USER, "Observation",
                EnumSet.of(ScopePermission.READ, ScopePermission.SEARCH)));
        assertThat(SmartScope.parse("system/*.cruds")).contains(new SmartScope(ScopeContext.SYSTEM, "*",
                EnumSet.allOf(ScopePermission.class)));
        assertThat(SmartScope.parse("user/Patient.u")).map(SmartScope::permissions).contains(java.util.Set.of(ScopePermission.UPDATE));
    }

    @Test
    void parsesVersion1Scopes() {
        assertThat(SmartScope.parse("user/*.read")).map(SmartScope::permissions)
                .contains(java.util.Set.of(ScopePermission.READ, ScopePermission.SEARCH));
        assertThat(SmartScope.parse("patient/Observation.write")).map(SmartScope::permissions)
                .contains(java.util.Set.of(ScopePermission.CREATE, ScopePermission.UPDATE, ScopePermission.DELETE));
        assertThat(SmartScope.parse("system/Patient.*")).map(SmartScope::permissions)
                .contains(EnumSet.allOf(ScopePermission.class));
    }

    @Test
    void printsTheVersion2Form() {
        assertThat(SmartScope.parse("user/Observation.read")).map(SmartScope::toString).contains("user/Observation.rs");
        assertThat(SmartScope.parse("system/*.*")).map(SmartScope::toString).contains("system/*.cruds");
    }

    @Test
    void grantsNothingForWhatItCannotHonour() {
        assertThat(SmartScope.parse("openid")).isEmpty();
        assertThat(SmartScope.parse("fhirUser")).isEmpty();
        assertThat(SmartScope.parse("launch/patient")).isEmpty();
        assertThat(SmartScope.parse("offline_access")).isEmpty();
        // letters out of order, repeated or unknown
        assertThat(SmartScope.parse("user/*.sr")).isEmpty();
        assertThat(SmartScope.parse("user/*.rr")).isEmpty();
        assertThat(SmartScope.parse("user/*.rx")).isEmpty();
        assertThat(SmartScope.parse("user/*.")).isEmpty();
        // unknown context, lower-case type
        assertThat(SmartScope.parse("admin/*.rs")).isEmpty();
        assertThat(SmartScope.parse("user/observation.rs")).isEmpty();
        // a v2 scope narrowed by a query would grant more than meant if the filter were dropped
        assertThat(SmartScope.parse("patient/Observation.rs?category=laboratory")).isEmpty();
    }

    @Test
    void coversItsTypeAndPermissionsOnly() {
        SmartScope observations = SmartScope.parse("user/Observation.rs").orElseThrow();
        SmartScope everything = SmartScope.parse("system/*.cruds").orElseThrow();

        assertThat(observations.covers("Observation", ScopePermission.READ)).isTrue();
        assertThat(observations.covers("Observation", ScopePermission.CREATE)).isFalse();
        assertThat(observations.covers("Patient", ScopePermission.READ)).isFalse();
        assertThat(everything.covers("Patient", ScopePermission.DELETE)).isTrue();
    }

    @Test
    void mapsInteractionsToPermissionsAsSmartDefinesThem() {
        assertThat(ScopePermission.requiredFor(RestOperationTypeEnum.READ)).contains(ScopePermission.READ);
        assertThat(ScopePermission.requiredFor(RestOperationTypeEnum.VREAD)).contains(ScopePermission.READ);
        assertThat(ScopePermission.requiredFor(RestOperationTypeEnum.HISTORY_INSTANCE)).contains(ScopePermission.READ);
        assertThat(ScopePermission.requiredFor(RestOperationTypeEnum.SEARCH_TYPE)).contains(ScopePermission.SEARCH);
        assertThat(ScopePermission.requiredFor(RestOperationTypeEnum.HISTORY_TYPE)).contains(ScopePermission.SEARCH);
        assertThat(ScopePermission.requiredFor(RestOperationTypeEnum.GET_PAGE)).contains(ScopePermission.SEARCH);
        assertThat(ScopePermission.requiredFor(RestOperationTypeEnum.CREATE)).contains(ScopePermission.CREATE);
        assertThat(ScopePermission.requiredFor(RestOperationTypeEnum.UPDATE)).contains(ScopePermission.UPDATE);
        assertThat(ScopePermission.requiredFor(RestOperationTypeEnum.DELETE)).contains(ScopePermission.DELETE);
        assertThat(ScopePermission.requiredFor(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE)).contains(ScopePermission.SEARCH);
        assertThat(ScopePermission.requiredFor(RestOperationTypeEnum.METADATA)).isEqualTo(Optional.empty());
        assertThat(ScopePermission.requiredFor(RestOperationTypeEnum.TRANSACTION)).isEqualTo(Optional.empty());
    }
}
