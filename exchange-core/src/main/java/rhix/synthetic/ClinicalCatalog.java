package rhix.synthetic;

import java.util.List;

/** Diagnoses (ICD-10, Chinese names) and imaging exams the generator draws from. */
final class ClinicalCatalog {

    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String LOINC = "http://loinc.org";

    record Diagnosis(String code, String nameZh, List<String> typicalTests) {
    }

    record ImagingExam(String localCode, String nameZh, String modality, List<String> conclusions) {
    }

    static final List<Diagnosis> DIAGNOSES = List.of(
            new Diagnosis("I10", "原发性高血压", List.of("K", "NA", "CREA", "TC")),
            new Diagnosis("E11.9", "2型糖尿病，不伴有并发症", List.of("GLU", "HBA1C", "CREA")),
            new Diagnosis("E78.5", "高脂血症", List.of("TC", "ALT", "GLU")),
            new Diagnosis("J18.9", "肺炎", List.of("WBC", "HGB", "PLT")),
            new Diagnosis("J06.9", "急性上呼吸道感染", List.of("WBC", "PLT")),
            new Diagnosis("K29.7", "胃炎", List.of("HGB", "ALT", "AST")),
            new Diagnosis("K76.0", "脂肪肝", List.of("ALT", "AST", "TC", "GLU")),
            new Diagnosis("I25.1", "动脉粥样硬化性心脏病", List.of("TC", "GLU", "K")),
            new Diagnosis("I63.9", "脑梗死", List.of("GLU", "TC", "PLT", "NA")),
            new Diagnosis("N18.9", "慢性肾脏病", List.of("CREA", "K", "NA", "HGB")),
            new Diagnosis("N39.0", "泌尿道感染", List.of("WBC", "CREA")),
            new Diagnosis("D64.9", "贫血", List.of("HGB", "PLT", "WBC")),
            new Diagnosis("E03.9", "甲状腺功能减退症", List.of("TSH", "TC")),
            new Diagnosis("E04.9", "非毒性甲状腺肿", List.of("TSH")),
            new Diagnosis("J44.9", "慢性阻塞性肺病", List.of("WBC", "HGB")),
            new Diagnosis("J45.9", "哮喘", List.of("WBC")),
            new Diagnosis("K80.2", "胆囊结石", List.of("ALT", "AST", "WBC")),
            new Diagnosis("I48", "心房颤动", List.of("K", "NA", "TSH")),
            new Diagnosis("M54.5", "腰痛", List.of("WBC")),
            new Diagnosis("M81.9", "骨质疏松", List.of("CREA")),
            new Diagnosis("G47.0", "失眠", List.of("TSH")),
            new Diagnosis("R51", "头痛", List.of("WBC", "GLU")));

    static final List<ImagingExam> IMAGING = List.of(
            new ImagingExam("CT-CHEST", "胸部CT平扫", "CT", List.of("双肺未见明显异常。", "右肺下叶少许炎症。", "双肺散在小结节，建议随访。")),
            new ImagingExam("MR-HEAD", "头颅MRI平扫", "MR", List.of("颅内未见明显异常。", "双侧基底节区腔隙性脑梗死。")),
            new ImagingExam("US-ABD", "腹部超声", "US", List.of("肝胆胰脾未见明显异常。", "脂肪肝（轻度）。", "胆囊结石。")),
            new ImagingExam("DR-CHEST", "胸部正位片", "DX", List.of("心肺膈未见明显异常。", "主动脉硬化。")));

    static int testIndex(String key) {
        for (int i = 0; i < LabCatalog.TESTS.size(); i++) {
            if (LabCatalog.TESTS.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no lab test " + key);
    }

    private ClinicalCatalog() {
    }
}
