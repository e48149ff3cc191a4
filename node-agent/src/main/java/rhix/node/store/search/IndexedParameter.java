package rhix.node.store.search;

import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import java.util.List;

/**
 * One search parameter the store indexes: its standard FHIR name and type, and the element paths
 * (FhirTerser syntax, choice elements by their base name) its values come from.
 */
public record IndexedParameter(String name, RestSearchParameterTypeEnum type, List<String> paths) {

    public IndexedParameter {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("parameter " + name + " has no path");
        }
    }

    static IndexedParameter token(String name, String... paths) {
        return new IndexedParameter(name, RestSearchParameterTypeEnum.TOKEN, List.of(paths));
    }

    static IndexedParameter reference(String name, String... paths) {
        return new IndexedParameter(name, RestSearchParameterTypeEnum.REFERENCE, List.of(paths));
    }

    static IndexedParameter date(String name, String... paths) {
        return new IndexedParameter(name, RestSearchParameterTypeEnum.DATE, List.of(paths));
    }

    static IndexedParameter string(String name, String... paths) {
        return new IndexedParameter(name, RestSearchParameterTypeEnum.STRING, List.of(paths));
    }
}
