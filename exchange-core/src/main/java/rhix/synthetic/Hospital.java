package rhix.synthetic;

import rhix.identity.AdminDivisionCode;
import rhix.region.NodeId;

/**
 * A hospital of the region: its data lives at {@code node}. {@code labDialect} picks how it codes
 * its lab tests and which units it reports in: hospitals differ, which is why concept maps exist.
 */
public record Hospital(String organizationCode, String name, NodeId node, AdminDivisionCode division, int labDialect) {

    /** The prefix of every resource id this hospital produces: lower case, so ids stay FHIR ids. */
    public String idPrefix() {
        return organizationCode.toLowerCase(java.util.Locale.ROOT);
    }
}
