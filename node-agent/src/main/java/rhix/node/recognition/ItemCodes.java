package rhix.node.recognition;

import rhix.api.exchange.v1.Coding;

/**
 * An exchange's item codes as its events carry them: {@code system|code}, the FHIR token form, so the saga can
 * ask providers for exactly the codings the clinician named.
 */
final class ItemCodes {

    private ItemCodes() {
    }

    static String of(String system, String code) {
        return (system == null ? "" : system) + "|" + code;
    }

    static Coding coding(String itemCode) {
        int bar = itemCode.indexOf('|');
        return bar < 0 ? Coding.newBuilder().setCode(itemCode).build()
                : Coding.newBuilder().setSystem(itemCode.substring(0, bar)).setCode(itemCode.substring(bar + 1)).build();
    }
}
