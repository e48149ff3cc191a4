package rhix.terminology.api.fhir;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.convertors.factory.VersionConvertorFactory_40_50;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.terminology.store.HeldResource;
import rhix.terminology.store.ProgressListener;
import rhix.terminology.store.ResourceKey;
import rhix.terminology.store.TdbTerminologyResources;
import rhix.terminology.store.TerminologyStore;
import rhix.terminology.store.VersionOrder;

/**
 * Plain CRUD and search on one terminology resource type (CodeSystem, ValueSet or ConceptMap) over the TDB2
 * store. A version is the unit: its logical id is derived from type, URL and version
 * ({@link ResourceKey#logicalId()}), so a new version is a new resource (POST) and an existing version is
 * replaced only by a PUT to its own id. Every write is one store transaction; the operations engine reloads
 * on its commit, so a new ConceptMap version answers {@code $translate} at once.
 */
final class TerminologyResourceProvider<T extends MetadataResource> implements IResourceProvider {

    private static final Logger LOG = LoggerFactory.getLogger(TerminologyResourceProvider.class);

    private final Class<T> type;
    private final TerminologyStore store;
    private final TdbTerminologyResources resources;

    TerminologyResourceProvider(Class<T> type, TerminologyStore store, TdbTerminologyResources resources) {
        this.type = type;
        this.store = store;
        this.resources = resources;
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    @Read
    public T read(@IdParam IdType id) {
        HeldResource held = heldById(id.getIdPart())
                .orElseThrow(() -> new ResourceNotFoundException(typeName() + "/" + id.getIdPart() + " is not held"));
        return withServerMetadata(held);
    }

    @Create
    public MethodOutcome create(@ResourceParam T resource) {
        ResourceKey key = acceptable(resource);
        if (store.holds(key)) {
            throw new ResourceVersionConflictException(key + " is already held as " + typeName() + "/" + key.logicalId()
                    + "; a new version needs a new 'version', or PUT to that id replaces this one");
        }
        store.put(resource, ProgressListener.NONE);
        LOG.info("created {} as {}/{}", key, typeName(), key.logicalId());
        return outcome(key, true);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam T resource) {
        ResourceKey key = acceptable(resource);
        if (!key.logicalId().equals(id.getIdPart())) {
            throw new InvalidRequestException("The id of " + typeName() + "/" + id.getIdPart() + " does not belong to " + key
                    + ", whose id is " + key.logicalId() + ": ids are derived from url and version, so a different version is a"
                    + " different resource (POST it)");
        }
        boolean created = !store.holds(key);
        store.put(resource, ProgressListener.NONE);
        LOG.info("{} {} as {}/{}", created ? "created" : "replaced", key, typeName(), key.logicalId());
        return outcome(key, created);
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id) {
        HeldResource held = heldById(id.getIdPart())
                .orElseThrow(() -> new ResourceNotFoundException(typeName() + "/" + id.getIdPart() + " is not held"));
        store.delete(held.key());
        LOG.info("deleted {}", held.key());
        return new MethodOutcome(new IdType(typeName(), id.getIdPart()));
    }

    /** Newest version first within a URL, URLs in order. */
    @Search
    public List<T> search(@OptionalParam(name = "_id") TokenParam id, @OptionalParam(name = "url") UriParam url,
                          @OptionalParam(name = "version") TokenParam version, @OptionalParam(name = "name") StringParam name,
                          @OptionalParam(name = "title") StringParam title, @OptionalParam(name = "status") TokenParam status) {
        return resources.held().stream()
                .filter(held -> held.key().resourceType().equals(typeName()))
                .filter(held -> id == null || held.key().logicalId().equals(id.getValue()))
                .filter(held -> url == null || held.key().url().equals(url.getValue()))
                .filter(held -> version == null || version.getValue().equals(held.key().version()))
                .sorted(Comparator.comparing((HeldResource held) -> held.key().url())
                        .thenComparing(held -> held.key().version(), Comparator.nullsFirst(VersionOrder.INSTANCE).reversed()))
                .map(this::withServerMetadata)
                .filter(resource -> name == null || startsWith(resource.getName(), name))
                .filter(resource -> title == null || startsWith(resource.getTitle(), title))
                .filter(resource -> status == null || resource.hasStatus() && resource.getStatus().toCode().equals(status.getValue()))
                .toList();
    }

    private static boolean startsWith(String value, StringParam parameter) {
        if (value == null) {
            return false;
        }
        return parameter.isExact() ? value.equals(parameter.getValue())
                : value.toLowerCase(Locale.ROOT).startsWith(parameter.getValue().toLowerCase(Locale.ROOT));
    }

    private Optional<HeldResource> heldById(String id) {
        return resources.held().stream()
                .filter(held -> held.key().resourceType().equals(typeName()) && held.key().logicalId().equals(id))
                .findFirst();
    }

    private T withServerMetadata(HeldResource held) {
        T resource = type.cast(resources.resource(held.key())
                .orElseThrow(() -> new ResourceNotFoundException(typeName() + "/" + held.key().logicalId() + " is not held")));
        resource.setId(new IdType(typeName(), held.key().logicalId()));
        resource.getMeta().setLastUpdated(Date.from(held.loadedAt()));
        return resource;
    }

    /** What the store and the engine need of a resource, refused with the element at fault (422). */
    private ResourceKey acceptable(T resource) {
        if (!resource.hasUrl()) {
            throw unprocessable(typeName() + ".url", "A " + typeName() + " needs a canonical url: versions and references hang on it");
        }
        if (resource.getUrl().contains("|")) {
            throw unprocessable(typeName() + ".url", "The url '" + resource.getUrl() + "' holds a '|': give the version in "
                    + typeName() + ".version");
        }
        if (!resource.hasStatus()) {
            throw unprocessable(typeName() + ".status", "A " + typeName() + " needs a status (draft, active, retired or unknown)");
        }
        try {
            VersionConvertorFactory_40_50.convertResource(resource);
        } catch (RuntimeException e) {
            throw unprocessable(typeName(), "The terminology engine cannot read this " + typeName() + ": " + e.getMessage());
        }
        return TerminologyStore.keyOf(resource);
    }

    private UnprocessableEntityException unprocessable(String expression, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.REQUIRED)
                .setDiagnostics(message).addExpression(expression);
        return new UnprocessableEntityException(message, outcome);
    }

    private MethodOutcome outcome(ResourceKey key, boolean created) {
        MethodOutcome outcome = new MethodOutcome(new IdType(typeName(), key.logicalId()), created);
        resources.held().stream().filter(held -> held.key().equals(key)).findFirst()
                .ifPresent(held -> outcome.setResource(withServerMetadata(held)));
        return outcome;
    }

    private String typeName() {
        return type.getSimpleName();
    }
}
