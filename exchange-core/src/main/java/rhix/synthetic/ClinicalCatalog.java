package rhix.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/** Diagnoses (ICD-10 with Chinese names), the tests and exams each calls for, and the imaging exams. */
final class ClinicalCatalog {

    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String LOINC = "http://loinc.org";

    /** Which way a diagnosis pushes a test's result, in the patients whose disease shows in it. */
    enum Tendency { USUAL, HIGH, LOW }

    /** A test ordered for a diagnosis and how the disease tends to move its result. */
    record OrderedTest(String key, Tendency tendency) {
    }

    /**
     * @param weight  relative frequency among visits (hypertension and diabetes dominate chronic care)
     * @param imaging local keys of the imaging exams the diagnosis calls for, if any
     */
    record Diagnosis(String code, String nameZh, int weight, List<OrderedTest> tests, List<String> imaging) {
    }

    record ImagingExam(String key, String nameZh, String modality, String loinc, String loincDisplay, List<String> conclusions) {
    }

    static final List<ImagingExam> IMAGING = List.of(
            new ImagingExam("CT-CHEST", "胸部CT平扫", "CT", "24627-2", "CT Chest", List.of(
                    "双肺未见明显异常。", "右肺下叶少许炎症。", "双肺散在小结节，建议随访。", "双肺纹理增多，慢性支气管炎改变。")),
            new ImagingExam("CT-HEAD", "头颅CT平扫", "CT", "24725-4", "CT Head", List.of(
                    "颅内未见明显异常。", "左侧基底节区低密度灶，考虑腔隙性脑梗死。", "脑萎缩。")),
            new ImagingExam("MR-HEAD", "头颅MRI平扫", "MR", "24590-2", "MR Brain", List.of(
                    "颅内未见明显异常。", "双侧基底节区腔隙性脑梗死。", "脑白质变性。")),
            new ImagingExam("US-ABD", "腹部超声", "US", "24558-9", "US Abdomen", List.of(
                    "肝胆胰脾未见明显异常。", "脂肪肝（轻度）。", "胆囊结石。", "右肾小结石。")),
            new ImagingExam("DR-CHEST", "胸部正侧位片", "DX", "36643-5", "XR Chest 2 Views", List.of(
                    "心肺膈未见明显异常。", "主动脉硬化。", "右下肺炎症。")));

    static final List<Diagnosis> DIAGNOSES = List.of(
            diagnosis("I10", "原发性高血压", 14, "K NA CREA TC", ""),
            diagnosis("E11.9", "2型糖尿病", 10, "GLU+ HBA1C+ CREA TC", ""),
            diagnosis("E78.5", "高脂血症", 6, "TC+ ALT GLU", ""),
            diagnosis("I25.1", "动脉粥样硬化性心脏病", 4, "TC+ GLU K", "DR-CHEST"),
            diagnosis("I63.9", "脑梗死", 3, "GLU TC PLT NA", "MR-HEAD CT-HEAD"),
            diagnosis("I48.9", "心房颤动", 2, "K NA TSH", ""),
            diagnosis("I50.9", "心力衰竭", 2, "NA- K CREA+", "DR-CHEST"),
            diagnosis("J06.9", "急性上呼吸道感染", 8, "WBC PLT", ""),
            diagnosis("J02.9", "急性咽炎", 4, "WBC+", ""),
            diagnosis("J20.9", "急性支气管炎", 4, "WBC+ PLT", "DR-CHEST"),
            diagnosis("J18.9", "肺炎", 4, "WBC+ HGB PLT", "CT-CHEST DR-CHEST"),
            diagnosis("J44.9", "慢性阻塞性肺病", 2, "WBC HGB", "CT-CHEST"),
            diagnosis("J45.9", "哮喘", 2, "WBC", "DR-CHEST"),
            diagnosis("K29.7", "胃炎", 5, "HGB ALT AST", ""),
            diagnosis("K21.9", "胃食管反流病", 2, "HGB", ""),
            diagnosis("K76.0", "脂肪肝", 4, "ALT+ AST+ TC+ GLU", "US-ABD"),
            diagnosis("K80.2", "胆囊结石", 2, "ALT AST WBC", "US-ABD"),
            diagnosis("B18.1", "慢性乙型病毒性肝炎", 2, "ALT+ AST+ PLT-", "US-ABD"),
            diagnosis("N18.9", "慢性肾脏病", 2, "CREA+ K+ NA HGB-", "US-ABD"),
            diagnosis("N39.0", "泌尿道感染", 3, "WBC+ CREA", ""),
            diagnosis("N20.0", "肾结石", 1, "CREA WBC", "US-ABD"),
            diagnosis("D64.9", "贫血", 2, "HGB- PLT WBC", ""),
            diagnosis("E03.9", "甲状腺功能减退症", 2, "TSH+ TC+", ""),
            diagnosis("E05.9", "甲状腺功能亢进症", 1, "TSH- HGB", ""),
            diagnosis("E04.9", "非毒性甲状腺肿", 1, "TSH", ""),
            diagnosis("E79.0", "高尿酸血症", 2, "CREA", ""),
            diagnosis("M10.9", "痛风", 1, "CREA WBC", ""),
            diagnosis("M54.5", "腰痛", 3, "WBC", ""),
            diagnosis("M17.9", "膝关节病", 2, "WBC", ""),
            diagnosis("M81.9", "骨质疏松", 2, "CREA", ""),
            diagnosis("G47.0", "失眠", 2, "TSH", ""),
            diagnosis("R51", "头痛", 2, "WBC GLU", "CT-HEAD"));

    private static final int TOTAL_WEIGHT = DIAGNOSES.stream().mapToInt(Diagnosis::weight).sum();

    /** A diagnosis drawn by how common it is. */
    static Diagnosis drawDiagnosis(SplittableRandom random) {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (Diagnosis diagnosis : DIAGNOSES) {
            ticket -= diagnosis.weight();
            if (ticket < 0) {
                return diagnosis;
            }
        }
        throw new IllegalStateException("weights changed under the draw");
    }

    static ImagingExam exam(String key) {
        return IMAGING.stream().filter(exam -> exam.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no imaging exam " + key));
    }

    /** The hospital's own code for an exam: the same dialects as its lab codes. */
    static String localExamCode(Hospital hospital, ImagingExam exam) {
        int index = IMAGING.indexOf(exam);
        return switch (hospital.labDialect() % 4) {
            case 0 -> exam.key();
            case 1 -> String.format("%04d", 3001 + index);
            case 2 -> "RIS-" + exam.modality() + "-" + String.format("%03d", index + 1);
            default -> exam.modality() + String.format("%02d", index + 1);
        };
    }

    /** "GLU+ HBA1C+ CREA": a test key, + when the disease raises it, - when it lowers it. */
    private static Diagnosis diagnosis(String code, String nameZh, int weight, String tests, String imaging) {
        List<OrderedTest> ordered = java.util.Arrays.stream(tests.split(" ")).map(token -> {
            char last = token.charAt(token.length() - 1);
            Tendency tendency = last == '+' ? Tendency.HIGH : last == '-' ? Tendency.LOW : Tendency.USUAL;
            String key = tendency == Tendency.USUAL ? token : token.substring(0, token.length() - 1);
            LabCatalog.testIndex(key);
            return new OrderedTest(key, tendency);
        }).toList();
        if (ordered.stream().map(OrderedTest::key).distinct().count() != ordered.size()) {
            throw new IllegalStateException(code + " orders a test twice");
        }
        List<String> exams = imaging.isEmpty() ? List.of() : List.of(imaging.split(" "));
        exams.forEach(ClinicalCatalog::exam);
        return new Diagnosis(code, nameZh, weight, ordered, exams);
    }

    private ClinicalCatalog() {
    }
}
