package rhix.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MinimumNecessaryTest {

    private static final ClassificationCatalog CATALOG = ClassificationCatalog.load();
    private final MinimumNecessary minimumNecessary = new MinimumNecessary(CATALOG, ReleasePolicy.load());

    @Test
    void treatmentGetsClinicalDataInClearAndIdentifiersMasked() {
        ReleasePlan plan = minimumNecessary.planRows(PurposeOfUse.TREATMENT, "lab_result",
                List.of("loinc_code", "value", "unit", "effective_date", "performer_hospital"));

        assertThat(plan.shape()).isEqualTo(ReleasePlan.Shape.ROWS);
        assertThat(plan.columns()).allSatisfy(release -> assertThat(release.protection().isClear()).isTrue());

        ReleasePlan patient = minimumNecessary.planRows(PurposeOfUse.TREATMENT, "patient",
                List.of("name", "resident_id", "phone"));
        assertThat(patient.protectionOf("name")).isEqualTo(Protection.of(Deidentification.NONE));
        assertThat(patient.protectionOf("resident_id")).isEqualTo(Protection.of(Deidentification.MASK));
        assertThat(patient.protectionOf("phone")).isEqualTo(Protection.of(Deidentification.MASK));
    }

    @Test
    void treatmentDoesNotGetPaymentData() {
        ReleaseRefusedException refusal = refused(
                () -> minimumNecessary.planRows(PurposeOfUse.TREATMENT, "encounter",
                        List.of("start_date", "payer_type", "total_cost")));

        assertThat(refusal.refusedColumns()).extracting(RefusedColumn::column).containsExactly(
                ColumnRef.of("encounter", "payer_type"), ColumnRef.of("encounter", "total_cost"));
        assertThat(refusal.refusedColumns()).extracting(RefusedColumn::reason)
                .containsOnly(RefusedColumn.Reason.CATEGORY_NOT_NEEDED);
        assertThat(refusal).hasMessageContaining("2 of 3 columns not allowed")
                .hasMessageContaining("医疗支付数据");
    }

    @Test
    void treatmentGetsLevelFiveSealedForTheClinician() {
        ReleasePlan plan = minimumNecessary.planRows(PurposeOfUse.TREATMENT, "sensitive_diagnosis", List.of("icd10_code"));

        assertThat(plan.protectionOf("icd10_code")).isEqualTo(Protection.of(Deidentification.ENCRYPT));
    }

    @Test
    void researchGetsTheGrantsColumnsWithDefaultsOrTheReviewersChoice() {
        GrantedColumns grant = new GrantedColumns(
                Set.of(ColumnRef.of("patient", "birth_date"), ColumnRef.of("patient", "gender"),
                        ColumnRef.of("patient", "enterprise_person_id"), ColumnRef.of("patient", "division_code")),
                Map.of(ColumnRef.of("patient", "division_code"), Protection.of(Deidentification.NONE)));

        ReleasePlan plan = minimumNecessary.planRows(PurposeOfUse.RESEARCH, "patient",
                List.of("birth_date", "gender", "enterprise_person_id", "division_code"), Optional.of(grant));

        assertThat(plan.protectionOf("birth_date")).isEqualTo(Protection.generalise(Generalisation.COARSE));
        assertThat(plan.protectionOf("gender")).isEqualTo(Protection.of(Deidentification.NONE));
        assertThat(plan.protectionOf("enterprise_person_id")).isEqualTo(Protection.of(Deidentification.HASH));
        assertThat(plan.protectionOf("division_code")).isEqualTo(Protection.of(Deidentification.NONE));
        assertThatThrownBy(() -> plan.protectionOf("name")).hasMessageContaining("patient.name is not in this release plan");
    }

    @Test
    void researchIsRefusedEveryColumnOutsideTheGrantAndEveryUnclassifiedOne() {
        GrantedColumns grant = GrantedColumns.withDefaults(Set.of(ColumnRef.of("patient", "birth_date")));

        ReleaseRefusedException refusal = refused(
                () -> minimumNecessary.planRows(PurposeOfUse.RESEARCH, "patient",
                        List.of("birth_date", "name", "phone", "religion"), Optional.of(grant)));

        assertThat(refusal.refusedColumns()).extracting(RefusedColumn::toString).containsExactly(
                "patient.name (NOT_IN_GRANT: the grant does not cover it)",
                "patient.phone (NOT_IN_GRANT: the grant does not cover it)",
                "patient.religion (UNCLASSIFIED: not in policy/classification.json)");
        assertThat(refusal).hasMessageContaining("3 of 4 columns not allowed");
    }

    @Test
    void researchWithoutAGrantIsRefused() {
        assertThatThrownBy(() -> minimumNecessary.planRows(PurposeOfUse.RESEARCH, "lab_result", List.of("value")))
                .isInstanceOf(ReleaseRefusedException.class)
                .hasMessageContaining("lab_result.value (NOT_IN_GRANT: research needs an approved data-use grant)");
    }

    @Test
    void levelFiveIsNeverReleasedInClearForResearch() {
        Set<ColumnRef> sensitive = Set.of(ColumnRef.of("sensitive_diagnosis", "icd10_code"),
                ColumnRef.of("sensitive_diagnosis", "diagnosis_date"), ColumnRef.of("sensitive_diagnosis", "hospital_id"));

        ReleasePlan byDefault = minimumNecessary.planRows(PurposeOfUse.RESEARCH, "sensitive_diagnosis",
                List.of("icd10_code", "diagnosis_date", "hospital_id"), Optional.of(GrantedColumns.withDefaults(sensitive)));
        assertThat(byDefault.columns()).extracting(ColumnRelease::protection)
                .containsOnly(Protection.of(Deidentification.SUPPRESS));

        for (Deidentification readable : List.of(Deidentification.NONE, Deidentification.ENCRYPT)) {
            GrantedColumns grant = new GrantedColumns(sensitive,
                    Map.of(ColumnRef.of("sensitive_diagnosis", "icd10_code"), Protection.of(readable)));
            assertThatThrownBy(() -> minimumNecessary.planRows(PurposeOfUse.RESEARCH, "sensitive_diagnosis",
                    List.of("icd10_code"), Optional.of(grant)))
                    .isInstanceOf(ReleaseRefusedException.class)
                    .hasMessageContaining("CLEAR_NOT_ALLOWED: the grant chose " + readable + " for an L5 column");
        }

        // A grant that chose a de-identifying method still gets L5 suppressed.
        GrantedColumns hashed = new GrantedColumns(sensitive,
                Map.of(ColumnRef.of("sensitive_diagnosis", "icd10_code"), Protection.of(Deidentification.HASH)));
        assertThat(minimumNecessary.planRows(PurposeOfUse.RESEARCH, "sensitive_diagnosis", List.of("icd10_code"),
                Optional.of(hashed)).protectionOf("icd10_code")).isEqualTo(Protection.of(Deidentification.SUPPRESS));
    }

    @Test
    void aGrantCannotReleaseADirectIdentifierInClearOrChooseANonsenseMethod() {
        GrantedColumns grant = new GrantedColumns(
                Set.of(ColumnRef.of("patient", "name"), ColumnRef.of("patient", "resident_id")),
                Map.of(ColumnRef.of("patient", "name"), Protection.of(Deidentification.NONE),
                        ColumnRef.of("patient", "resident_id"), Protection.generalise(Generalisation.FINE)));

        ReleaseRefusedException refusal = refused(
                () -> minimumNecessary.planRows(PurposeOfUse.RESEARCH, "patient", List.of("name", "resident_id"), Optional.of(grant)));

        assertThat(refusal.refusedColumns()).extracting(RefusedColumn::reason).containsExactly(
                RefusedColumn.Reason.CLEAR_NOT_ALLOWED, RefusedColumn.Reason.METHOD_NOT_APPLICABLE);
        assertThat(refusal).hasMessageContaining("a direct identifier (PERSON_NAME)")
                .hasMessageContaining("GENERALISE does not apply to RESIDENT_ID values");
    }

    @Test
    void publicHealthGetsNoRows() {
        ReleaseRefusedException refusal = refused(
                () -> minimumNecessary.planRows(PurposeOfUse.PUBLIC_HEALTH, "diagnosis", List.of("icd10_code", "diagnosis_date")));

        assertThat(refusal).hasMessageContaining("PUBLIC_HEALTH receives aggregates only, rows are not released");
        assertThat(refusal.refusedColumns()).extracting(RefusedColumn::reason)
                .containsExactly(RefusedColumn.Reason.ROWS_NOT_RELEASED, RefusedColumn.Reason.ROWS_NOT_RELEASED);
    }

    @Test
    void publicHealthAggregatesGroupByCoarseKeysOnly() {
        ReleasePlan plan = minimumNecessary.planAggregate(PurposeOfUse.PUBLIC_HEALTH, "diagnosis",
                List.of("icd10_code", "diagnosis_date", "hospital_id"), Optional.empty());

        assertThat(plan.shape()).isEqualTo(ReleasePlan.Shape.AGGREGATES);
        assertThat(plan.protectionOf("icd10_code")).isEqualTo(Protection.generalise(Generalisation.FINE));
        assertThat(plan.protectionOf("diagnosis_date")).isEqualTo(Protection.of(Deidentification.NONE));

        ReleaseRefusedException refusal = refused(
                () -> minimumNecessary.planAggregate(PurposeOfUse.PUBLIC_HEALTH, "patient",
                        List.of("division_code", "enterprise_person_id", "address"), Optional.empty()));
        assertThat(refusal.refusedColumns()).extracting(RefusedColumn::column).containsExactly(
                ColumnRef.of("patient", "enterprise_person_id"), ColumnRef.of("patient", "address"));
        assertThat(refusal.refusedColumns()).extracting(RefusedColumn::reason)
                .containsOnly(RefusedColumn.Reason.NOT_A_GROUPING_KEY);
    }

    @Test
    void researchAggregatesNeedTheGrantAndCoarseKeys() {
        GrantedColumns grant = new GrantedColumns(
                Set.of(ColumnRef.of("lab_result", "loinc_code"), ColumnRef.of("lab_result", "effective_date"),
                        ColumnRef.of("lab_result", "enterprise_person_id")),
                Map.of(ColumnRef.of("lab_result", "effective_date"), Protection.generalise(Generalisation.COARSE)));

        ReleasePlan plan = minimumNecessary.planAggregate(PurposeOfUse.RESEARCH, "lab_result",
                List.of("loinc_code", "effective_date"), Optional.of(grant));
        assertThat(plan.protectionOf("effective_date")).isEqualTo(Protection.generalise(Generalisation.COARSE));

        ReleaseRefusedException refusal = refused(() -> minimumNecessary.planAggregate(PurposeOfUse.RESEARCH, "lab_result",
                List.of("enterprise_person_id", "value"), Optional.of(grant)));
        assertThat(refusal.refusedColumns()).extracting(RefusedColumn::reason).containsExactly(
                RefusedColumn.Reason.NOT_A_GROUPING_KEY, RefusedColumn.Reason.NOT_IN_GRANT);
    }

    @Test
    void aRequestNamesItsColumns() {
        assertThatThrownBy(() -> minimumNecessary.planRows(PurposeOfUse.TREATMENT, "patient", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never all of patient");
    }

    @Test
    void aPlanAppliedByTheDeidentifierNeverShowsAResearcherAnIdentifier() {
        GrantedColumns grant = GrantedColumns.withDefaults(Set.of(ColumnRef.of("patient", "name"),
                ColumnRef.of("patient", "resident_id"), ColumnRef.of("patient", "phone"), ColumnRef.of("patient", "birth_date")));
        ReleasePlan plan = minimumNecessary.planRows(PurposeOfUse.RESEARCH, "patient",
                List.of("name", "resident_id", "phone", "birth_date"), Optional.of(grant));
        Deidentifier deidentifier = new Deidentifier(new byte[32], new InMemoryTokenVault(), null);
        Map<String, String> row = Map.of("name", "张三丰", "resident_id", "11010519491231002X",
                "phone", "13812345678", "birth_date", "1949-12-31");

        Map<String, String> released = new java.util.LinkedHashMap<>();
        for (ColumnRelease column : plan.columns()) {
            String name = column.column().column();
            released.put(name, deidentifier.apply(column.protection(), column.classification().kind(), row.get(name)));
        }

        assertThat(released).containsEntry("name", "张**").containsEntry("phone", "138****5678")
                .containsEntry("birth_date", "1949");
        assertThat(released.get("resident_id")).matches("[0-9a-f]{64}");
        assertThat(released.values()).noneMatch(row::containsValue);
    }

    private static ReleaseRefusedException refused(ThrowingCallable request) {
        Throwable thrown = catchThrowable(request);
        assertThat(thrown).isInstanceOf(ReleaseRefusedException.class);
        return (ReleaseRefusedException) thrown;
    }
}
