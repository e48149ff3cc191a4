package rhix.fhir.facade.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.Optional;

/**
 * The five SMART-on-FHIR v2 permissions, in the order a scope must list them ({@code cruds}), and the
 * FHIR interactions each one allows.
 */
public enum ScopePermission {
    CREATE('c'),
    READ('r'),
    UPDATE('u'),
    DELETE('d'),
    SEARCH('s');

    private final char letter;

    ScopePermission(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    static Optional<ScopePermission> ofLetter(char letter) {
        for (ScopePermission permission : values()) {
            if (permission.letter == letter) {
                return Optional.of(permission);
            }
        }
        return Optional.empty();
    }

    /**
     * The permission an interaction needs, as SMART v2 defines it: read, vread and instance history are
     * {@code r}; type/system search and history and the pages of a search are {@code s}; so are the
     * results of an operation on a type or instance ({@code Patient/$everything} is a search of the
     * patient's compartment, and each returned resource needs {@code s} on its type). Empty for
     * interactions that need no resource permission (metadata) or that HAPI checks entry by entry
     * (transaction, batch).
     */
    public static Optional<ScopePermission> requiredFor(RestOperationTypeEnum operation) {
        return switch (operation) {
            case READ, VREAD, HISTORY_INSTANCE -> Optional.of(READ);
            case SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_TYPE, HISTORY_SYSTEM, GET_PAGE, EXTENDED_OPERATION_TYPE,
                 EXTENDED_OPERATION_INSTANCE -> Optional.of(SEARCH);
            case CREATE -> Optional.of(CREATE);
            case UPDATE, PATCH -> Optional.of(UPDATE);
            case DELETE -> Optional.of(DELETE);
            default -> Optional.empty();
        };
    }
}
