package rhix.policy;

/**
 * The six categories of health and medical data in GB/T 39725-2020 (健康医疗数据分类). A column
 * belongs to exactly one; the category says what kind of harm its release can do and which purposes
 * need it at all (a treating clinician does not need payment data).
 */
public enum DataCategory {
    /** 个人属性数据: demographics, identity (name, resident ID), contact details, biometric identifiers. */
    PERSONAL_ATTRIBUTES("个人属性数据"),
    /** 健康状况数据: complaints, history, examination findings, lab and imaging results, genetic data. */
    HEALTH_STATUS("健康状况数据"),
    /** 医疗应用数据: records of care: encounters, orders, reports, prescriptions, referrals. */
    MEDICAL_APPLICATION("医疗应用数据"),
    /** 医疗支付数据: medical transactions, insurance claims and payments. */
    MEDICAL_PAYMENT("医疗支付数据"),
    /** 卫生资源数据: facilities and their operation: hospitals, departments, staff, equipment. */
    HEALTH_RESOURCES("卫生资源数据"),
    /** 公共卫生数据: notifiable diseases, surveillance, prevention, births and deaths. */
    PUBLIC_HEALTH("公共卫生数据");

    private final String chineseName;

    DataCategory(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The name used in GB/T 39725-2020. */
    public String chineseName() {
        return chineseName;
    }
}
