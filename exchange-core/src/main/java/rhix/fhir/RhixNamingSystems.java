package rhix.fhir;

/**
 * Identifier and code system URIs that RHIX defines. A production region would substitute the
 * national OIDs it is assigned; every module takes them from here so that there is one place to.
 */
public final class RhixNamingSystems {

    private static final String BASE = "http://rhix.org.cn/fhir/";

    /** 居民身份证号: the 18-character resident ID number, canonical form. */
    public static final String RESIDENT_ID = BASE + "sid/resident-id";
    /**
     * The MPI's enterprise identifiers: one per person across the region, as the MPI's Patient ids and
     * in PIXm answers. A merged-away id stays valid and resolves to its survivor.
     */
    public static final String ENTERPRISE_ID = BASE + "sid/enterprise-id";
    /** Medical institution codes (组织机构代码/医疗机构登记号) of the region's hospitals. */
    public static final String ORGANIZATION_CODE = BASE + "sid/organization";
    /** GB/T 2260 administrative divisions. */
    public static final String ADMIN_DIVISION = BASE + "CodeSystem/gbt-2260";
    /** Extension on Patient.name carrying the pinyin spelling of the Chinese name. */
    public static final String PINYIN_EXTENSION = BASE + "StructureDefinition/name-pinyin";
    /** Meta.source / meta tags: which producer (hospital, source system) sent a resource. */
    public static final String PRODUCER_TAG = BASE + "CodeSystem/producer";

    private RhixNamingSystems() {
    }

    /** The patient-number system of one hospital: each hospital numbers its own patients. */
    public static String hospitalPatientIds(String organizationCode) {
        return BASE + "sid/hospital/" + organizationCode + "/patient";
    }

    /** The local lab-test code system of one hospital (mapped to LOINC by its ConceptMap). */
    public static String hospitalLabCodes(String organizationCode) {
        return BASE + "CodeSystem/hospital/" + organizationCode + "/lab";
    }
}
