package rhix.synthetic;

import java.util.List;

/**
 * The lab tests the region's hospitals run, and each hospital "dialect": its own local code for
 * the test and the unit it reports in (mmol/L or mg/dL for glucose, µmol/L or mg/dL for creatinine),
 * each mapped to the LOINC code for that unit.
 */
final class LabCatalog {

    /** A unit a test may be reported in: UCUM code, LOINC code for the test in that unit, factor from the reference unit. */
    record Unit(String display, String ucum, String loinc, String loincDisplay, double factor, int decimals) {
    }

    /** A test; values are drawn in the first unit's scale (mean, sd), then converted. */
    record LabTest(String key, String nameZh, double mean, double sd, List<Unit> units) {
    }

    /** How one hospital names and reports a test. */
    record LocalLabCode(String code, String display, LabTest test, Unit unit) {
    }

    static final List<LabTest> TESTS = List.of(
            new LabTest("GLU", "葡萄糖", 5.6, 1.6, List.of(
                    new Unit("mmol/L", "mmol/L", "14749-6", "Glucose [Moles/volume] in Serum or Plasma", 1, 1),
                    new Unit("mg/dL", "mg/dL", "2345-7", "Glucose [Mass/volume] in Serum or Plasma", 18.016, 0))),
            new LabTest("HGB", "血红蛋白", 135, 16, List.of(
                    new Unit("g/L", "g/L", "718-7", "Hemoglobin [Mass/volume] in Blood", 1, 0),
                    new Unit("g/dL", "g/dL", "718-7", "Hemoglobin [Mass/volume] in Blood", 0.1, 1))),
            new LabTest("WBC", "白细胞计数", 6.5, 2.0, List.of(
                    new Unit("10^9/L", "10*9/L", "6690-2", "Leukocytes [#/volume] in Blood by Automated count", 1, 2))),
            new LabTest("PLT", "血小板计数", 230, 60, List.of(
                    new Unit("10^9/L", "10*9/L", "777-3", "Platelets [#/volume] in Blood by Automated count", 1, 0))),
            new LabTest("ALT", "丙氨酸氨基转移酶", 25, 14, List.of(
                    new Unit("U/L", "U/L", "1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", 1, 0))),
            new LabTest("AST", "天门冬氨酸氨基转移酶", 24, 11, List.of(
                    new Unit("U/L", "U/L", "1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", 1, 0))),
            new LabTest("CREA", "肌酐", 75, 22, List.of(
                    new Unit("μmol/L", "umol/L", "14682-9", "Creatinine [Moles/volume] in Serum or Plasma", 1, 0),
                    new Unit("mg/dL", "mg/dL", "2160-0", "Creatinine [Mass/volume] in Serum or Plasma", 1 / 88.4, 2))),
            new LabTest("TC", "总胆固醇", 4.8, 1.0, List.of(
                    new Unit("mmol/L", "mmol/L", "14647-2", "Cholesterol [Moles/volume] in Serum or Plasma", 1, 2),
                    new Unit("mg/dL", "mg/dL", "2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", 38.67, 0))),
            new LabTest("HBA1C", "糖化血红蛋白", 5.9, 1.1, List.of(
                    new Unit("%", "%", "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", 1, 1))),
            new LabTest("K", "钾", 4.2, 0.45, List.of(
                    new Unit("mmol/L", "mmol/L", "2823-3", "Potassium [Moles/volume] in Serum or Plasma", 1, 2))),
            new LabTest("NA", "钠", 140, 3.2, List.of(
                    new Unit("mmol/L", "mmol/L", "2951-2", "Sodium [Moles/volume] in Serum or Plasma", 1, 0))),
            new LabTest("TSH", "促甲状腺激素", 2.2, 1.3, List.of(
                    new Unit("mIU/L", "m[IU]/L", "3016-3", "Thyrotropin [Units/volume] in Serum or Plasma", 1, 2))));

    /** The hospital's code for test {@code index}, in the hospital's dialect. */
    static LocalLabCode localCode(Hospital hospital, int index) {
        LabTest test = TESTS.get(index);
        return switch (hospital.labDialect() % 3) {
            // Mnemonic codes, reference units.
            case 0 -> new LocalLabCode(test.key(), test.nameZh(), test, test.units().getFirst());
            // Numeric LIS codes, US units where the test has them.
            case 1 -> new LocalLabCode(String.format("%04d", 1001 + index), test.nameZh() + "测定", test, test.units().getLast());
            // Section-prefixed codes, reference units.
            default -> new LocalLabCode("LIS-" + (index < 4 ? "XCG" : "SH") + "-" + String.format("%03d", index + 1),
                    "(" + (index < 4 ? "血常规" : "生化") + ")" + test.nameZh(), test, test.units().getFirst());
        };
    }

    static List<LocalLabCode> localCodes(Hospital hospital) {
        return java.util.stream.IntStream.range(0, TESTS.size()).mapToObj(index -> localCode(hospital, index)).toList();
    }

    private LabCatalog() {
    }
}
