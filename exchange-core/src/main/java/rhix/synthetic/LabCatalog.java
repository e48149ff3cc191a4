package rhix.synthetic;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The lab tests the region's hospitals run, and each hospital's "dialect": its own local code and
 * name for a test and the unit it reports in (mmol/L or mg/dL for glucose, µmol/L or mg/dL for
 * creatinine, g/L or g/dL for haemoglobin), each unit mapped to the LOINC code for the test in it.
 */
final class LabCatalog {

    /** A unit a test may be reported in: UCUM code, the LOINC code for the test in that unit, factor from the reference unit. */
    record Unit(String display, String ucum, String loinc, String loincDisplay, double factor, int decimals) {
    }

    /**
     * A test. Values are drawn in the first unit (the reference unit), then converted.
     *
     * @param low    lower limit of the adult reference interval, reference unit
     * @param high   upper limit
     * @param mean   population mean of people without a related diagnosis
     * @param sd     population standard deviation
     * @param typicalLow  a typical result of a patient whose disease lowers it (anaemia's haemoglobin)
     * @param typicalHigh a typical result of a patient whose disease raises it (diabetes' glucose)
     * @param section the lab section, which some hospitals prefix their codes with
     */
    record LabTest(String key, String nameZh, String pinyinInitials, double low, double high, double mean, double sd,
                   double typicalLow, double typicalHigh, Section section, List<Unit> units) {
    }

    enum Section { HEMATOLOGY, CHEMISTRY, ENDOCRINE }

    /** How one hospital names and reports a test. */
    record LocalLabCode(String code, String display, LabTest test, Unit unit) {
    }

    static final List<LabTest> TESTS = List.of(
            new LabTest("GLU", "葡萄糖", "PTT", 3.9, 6.1, 5.2, 0.6, 3.2, 9.8, Section.CHEMISTRY, List.of(
                    new Unit("mmol/L", "mmol/L", "14749-6", "Glucose [Moles/volume] in Serum or Plasma", 1, 1),
                    new Unit("mg/dL", "mg/dL", "2345-7", "Glucose [Mass/volume] in Serum or Plasma", 18.016, 0))),
            new LabTest("HGB", "血红蛋白", "XHDB", 115, 160, 138, 13, 92, 172, Section.HEMATOLOGY, List.of(
                    new Unit("g/L", "g/L", "718-7", "Hemoglobin [Mass/volume] in Blood", 1, 0),
                    new Unit("g/dL", "g/dL", "718-7", "Hemoglobin [Mass/volume] in Blood", 0.1, 1))),
            new LabTest("WBC", "白细胞计数", "BXB", 3.5, 9.5, 6.3, 1.5, 2.6, 13.5, Section.HEMATOLOGY, List.of(
                    new Unit("10^9/L", "10*9/L", "6690-2", "Leukocytes [#/volume] in Blood by Automated count", 1, 2))),
            new LabTest("PLT", "血小板计数", "XXB", 125, 350, 230, 50, 85, 420, Section.HEMATOLOGY, List.of(
                    new Unit("10^9/L", "10*9/L", "777-3", "Platelets [#/volume] in Blood by Automated count", 1, 0))),
            new LabTest("ALT", "丙氨酸氨基转移酶", "BAM", 7, 40, 21, 8, 4, 88, Section.CHEMISTRY, List.of(
                    new Unit("U/L", "U/L", "1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", 1, 0))),
            new LabTest("AST", "天门冬氨酸氨基转移酶", "TDM", 13, 35, 22, 5, 9, 72, Section.CHEMISTRY, List.of(
                    new Unit("U/L", "U/L", "1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", 1, 0))),
            new LabTest("CREA", "肌酐", "JG", 45, 104, 72, 13, 38, 230, Section.CHEMISTRY, List.of(
                    new Unit("µmol/L", "umol/L", "14682-9", "Creatinine [Moles/volume] in Serum or Plasma", 1, 0),
                    new Unit("mg/dL", "mg/dL", "2160-0", "Creatinine [Mass/volume] in Serum or Plasma", 1 / 88.4, 2))),
            new LabTest("TC", "总胆固醇", "ZDGC", 2.8, 5.2, 4.5, 0.6, 2.4, 6.6, Section.CHEMISTRY, List.of(
                    new Unit("mmol/L", "mmol/L", "14647-2", "Cholesterol [Moles/volume] in Serum or Plasma", 1, 2),
                    new Unit("mg/dL", "mg/dL", "2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", 38.67, 0))),
            new LabTest("HBA1C", "糖化血红蛋白", "THXHDB", 4.0, 6.0, 5.3, 0.35, 3.7, 8.4, Section.ENDOCRINE, List.of(
                    new Unit("%", "%", "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", 1, 1))),
            new LabTest("K", "钾", "K", 3.5, 5.3, 4.2, 0.3, 3.1, 5.8, Section.CHEMISTRY, List.of(
                    new Unit("mmol/L", "mmol/L", "2823-3", "Potassium [Moles/volume] in Serum or Plasma", 1, 2))),
            new LabTest("NA", "钠", "NA", 137, 147, 141, 2.2, 131, 150, Section.CHEMISTRY, List.of(
                    new Unit("mmol/L", "mmol/L", "2951-2", "Sodium [Moles/volume] in Serum or Plasma", 1, 0))),
            new LabTest("TSH", "促甲状腺激素", "CJZXJS", 0.27, 4.2, 1.9, 0.8, 0.08, 10.5, Section.ENDOCRINE, List.of(
                    new Unit("mIU/L", "m[IU]/L", "3016-3", "Thyrotropin [Units/volume] in Serum or Plasma", 1, 2))));

    static int testIndex(String key) {
        for (int i = 0; i < TESTS.size(); i++) {
            if (TESTS.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no lab test " + key);
    }

    /** The hospital's code for test {@code index}, in the hospital's dialect. */
    static LocalLabCode localCode(Hospital hospital, int index) {
        LabTest test = TESTS.get(index);
        Unit reference = test.units().getFirst();
        return switch (hospital.labDialect() % 4) {
            // Mnemonic codes, reference units.
            case 0 -> new LocalLabCode(test.key(), test.nameZh(), test, reference);
            // Numeric LIS item numbers, US units where the test has them.
            case 1 -> new LocalLabCode(String.format("%04d", 1001 + index), test.nameZh() + "测定", test, test.units().getLast());
            // Section-prefixed codes, reference units.
            case 2 -> new LocalLabCode("LIS-" + sectionCode(test.section()) + "-" + String.format("%03d", index + 1),
                    "(" + sectionName(test.section()) + ")" + test.nameZh(), test, reference);
            // Pinyin initials of the Chinese name, as many domestic LIS products use.
            default -> new LocalLabCode(test.pinyinInitials(), test.nameZh(), test, reference);
        };
    }

    static List<LocalLabCode> localCodes(Hospital hospital) {
        return IntStream.range(0, TESTS.size()).mapToObj(index -> localCode(hospital, index)).toList();
    }

    private static String sectionCode(Section section) {
        return switch (section) {
            case HEMATOLOGY -> "XCG";
            case CHEMISTRY -> "SH";
            case ENDOCRINE -> "NFM";
        };
    }

    private static String sectionName(Section section) {
        return switch (section) {
            case HEMATOLOGY -> "血常规";
            case CHEMISTRY -> "生化";
            case ENDOCRINE -> "内分泌";
        };
    }

    private LabCatalog() {
    }
}
