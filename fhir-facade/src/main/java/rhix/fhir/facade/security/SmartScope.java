package rhix.fhir.facade.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART-on-FHIR clinical scope: {@code patient/*.rs}, {@code user/Observation.rs},
 * {@code system/*.cruds}, or the v1 forms {@code .read}, {@code .write} and {@code .*}.
 *
 * @param context      whose data the scope reaches
 * @param resourceType a FHIR resource type, or {@link #ANY_TYPE}
 * @param permissions  what the scope allows on that type (never empty)
 */
public record SmartScope(ScopeContext context, String resourceType, Set<ScopePermission> permissions) {

    public static final String ANY_TYPE = "*";

    /** {@code context/Type.permissions}; the permissions part is validated separately. */
    private static final Pattern SCOPE = Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.([a-z*]+)");

    public SmartScope {
        Objects.requireNonNull(context, "context is null");
        Objects.requireNonNull(resourceType, "resourceType is null");
        if (permissions == null || permissions.isEmpty()) {
            throw new IllegalArgumentException("a scope grants at least one permission");
        }
        permissions = Set.copyOf(EnumSet.copyOf(permissions));
    }

    /**
     * Parses one entry of the token's {@code scope} claim. Empty for what is not a clinical scope this
     * server can honour: {@code openid}, {@code fhirUser}, {@code launch/patient}, malformed text, v2
     * letters out of order or repeated, and v2 scopes narrowed by a query ({@code ?category=…}): the
     * server cannot apply such a filter yet, so it grants nothing rather than more than was meant.
     */
    public static Optional<SmartScope> parse(String text) {
        Matcher matcher = SCOPE.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        ScopeContext context = switch (matcher.group(1)) {
            case "patient" -> ScopeContext.PATIENT;
            case "user" -> ScopeContext.USER;
            default -> ScopeContext.SYSTEM;
        };
        return permissions(matcher.group(3)).map(permissions -> new SmartScope(context, matcher.group(2), permissions));
    }

    private static Optional<Set<ScopePermission>> permissions(String text) {
        switch (text) {
            case "read":
                return Optional.of(EnumSet.of(ScopePermission.READ, ScopePermission.SEARCH));
            case "write":
                return Optional.of(EnumSet.of(ScopePermission.CREATE, ScopePermission.UPDATE, ScopePermission.DELETE));
            case "*":
                return Optional.of(EnumSet.allOf(ScopePermission.class));
            default:
                break;
        }
        // v2: a non-empty subsequence of "cruds", letters in that order, none repeated.
        EnumSet<ScopePermission> permissions = EnumSet.noneOf(ScopePermission.class);
        int previous = -1;
        for (char letter : text.toCharArray()) {
            Optional<ScopePermission> permission = ScopePermission.ofLetter(letter);
            if (permission.isEmpty() || permission.get().ordinal() <= previous) {
                return Optional.empty();
            }
            previous = permission.get().ordinal();
            permissions.add(permission.get());
        }
        return permissions.isEmpty() ? Optional.empty() : Optional.of(permissions);
    }

    public boolean allowsAnyType() {
        return ANY_TYPE.equals(resourceType);
    }

    public boolean covers(String type, ScopePermission permission) {
        return (allowsAnyType() || resourceType.equals(type)) && permissions.contains(permission);
    }

    /** The v2 spelling, e.g. {@code user/Observation.rs}. */
    @Override
    public String toString() {
        StringBuilder letters = new StringBuilder();
        EnumSet.copyOf(permissions).forEach(permission -> letters.append(permission.letter()));
        return context.prefix() + "/" + resourceType + "." + letters;
    }
}
