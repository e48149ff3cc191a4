package rhix.synthetic;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import rhix.identity.AdminDivisionCode;
import rhix.region.NodeId;

/**
 * A hospital of the region, whose data lives at {@code node}. {@code labDialect} picks how it codes
 * its lab tests and imaging exams and which units it reports in: hospitals differ, which is why
 * concept maps exist.
 *
 * @param organizationCode the institution code, e.g. {@code H330102001}; also names its files and code systems
 */
public record Hospital(String organizationCode, String name, NodeId node, AdminDivisionCode division, int labDialect) {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{2,20}");

    public Hospital {
        Objects.requireNonNull(organizationCode, "organizationCode is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(node, "node is null");
        Objects.requireNonNull(division, "division is null");
        if (!CODE.matcher(organizationCode).matches()) {
            throw new IllegalArgumentException("organization code must be 2-20 of A-Z 0-9: '" + organizationCode + "'");
        }
        if (labDialect < 0) {
            throw new IllegalArgumentException("labDialect must not be negative, was " + labDialect);
        }
    }

    /** The prefix of every resource id this hospital produces: lower case, so ids stay FHIR ids. */
    public String idPrefix() {
        return organizationCode.toLowerCase(Locale.ROOT);
    }
}
