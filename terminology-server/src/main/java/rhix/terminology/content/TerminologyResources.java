package rhix.terminology.content;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The terminology the server holds, as FHIR R4 resources: what the operations engine reads. The TDB2 store
 * implements it; every call sees one committed state (a version being loaded is invisible until its load
 * commits). A {@code version} of null means the newest version of that canonical URL.
 */
public interface TerminologyResources {

    Optional<CodeSystem> codeSystem(String url, String version);

    Optional<ValueSet> valueSet(String url, String version);

    Optional<ConceptMap> conceptMap(String url, String version);

    /** Every concept map whose source or target is the given value set or code system URL (for $translate). */
    List<ConceptMap> conceptMapsFor(String sourceOrTargetUrl);

    /** The canonical URLs and versions held, per resource type: for TerminologyCapabilities and $versions. */
    List<HeldVersion> versions();

    /** @param resourceType CodeSystem, ValueSet or ConceptMap */
    record HeldVersion(String resourceType, String url, String version) {
    }
}
