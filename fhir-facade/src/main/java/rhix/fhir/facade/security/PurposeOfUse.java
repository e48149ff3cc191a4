package rhix.fhir.facade.security;

import java.util.Set;

/**
 * HL7 v3 PurposeOfUse codes (system {@code http://terminology.hl7.org/CodeSystem/v3-ActReason}) a token
 * may state in its {@code purpose_of_use} claim. The list is the PurposeOfUse branch of ActReason: care
 * (TREAT, ETREAT, …), payment (HPAYMT, …), operations, research (HRESCH, CLINTRCH), public health
 * (PUBHLTH, POPHLTH, …) and the patient's own requests. An unknown code is refused rather than audited,
 * because an audit trail whose "why" nobody can interpret answers no question (全程留痕、可追溯).
 */
public final class PurposeOfUse {

    public static final String CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    private static final Set<String> CODES = Set.of(
            // care
            "TREAT", "ETREAT", "BTG", "ERTREAT", "CAREMGT", "CLINTRL", "POPHLTH", "PATSFTY", "TRAIN",
            // payment
            "HPAYMT", "CLMATTCH", "COVAUTH", "COVERAGE", "ELIGDTRM", "ELIGVER", "ENROLLM", "REMITADV",
            // operations and oversight
            "HOPERAT", "HSYSADMIN", "HQUALIMP", "HACCRED", "HCOMPL", "HOUTCOMS", "HPRGRP", "HRECORD",
            "MEMADMIN", "PATADMIN", "RECORDMGT", "PERFMSR", "HLEGAL", "HDECD", "HDIRECT", "HMARKT", "FRAUD", "GOV",
            // research
            "HRESCH", "CLINTRCH", "BIORCH", "PRECLINTRCH",
            // public health and safety
            "PUBHLTH", "DISASTER", "THREAT", "CORONER", "FORENSIC", "LEGAL", "DONAT",
            // the patient and the family
            "PATRQT", "FAMRQT", "PWATRNY", "SUPNWK", "COC");

    private PurposeOfUse() {
    }

    public static boolean isKnown(String code) {
        return CODES.contains(code);
    }
}
