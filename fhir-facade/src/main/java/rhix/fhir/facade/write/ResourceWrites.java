package rhix.fhir.facade.write;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import rhix.fhir.facade.store.ChangeOutcome;
import rhix.fhir.facade.store.ResourceChange;
import rhix.fhir.facade.store.ResourceChange.IdentifierCondition;
import rhix.fhir.facade.store.ResourceRepository;
import rhix.fhir.facade.store.SearchCriterion;
import rhix.fhir.facade.store.WriteResult;

/**
 * Create, update and delete of one resource: each is a change set of one, applied by the store's
 * writer, answered the way FHIR's RESTful API prescribes (201 or 200, Location and ETag of the version
 * that now stands).
 */
public final class ResourceWrites {

    private final FhirContext fhirContext;
    private final ResourceRepository repository;

    public ResourceWrites(FhirContext fhirContext, ResourceRepository repository) {
        this.fhirContext = fhirContext;
        this.repository = repository;
    }

    public MethodOutcome create(IBaseResource resource, String conditionalUrl, String writer) {
        String type = fhirContext.getResourceType(resource);
        IdentifierCondition condition = conditionalUrl == null || conditionalUrl.isBlank() ? null
                : IdentifierConditions.parse(conditionalUrl);
        if (condition != null) {
            Optional<ChangeOutcome> match = matched(type, condition);
            if (match.isPresent()) {
                return outcome(match.get());
            }
        }
        String id = UUID.randomUUID().toString();
        resource.setId(new IdType(type, id));
        return outcome(applyOne(new ResourceChange.Create(type, resource, type, id, condition), writer));
    }

    /** @param ifMatch the request's If-Match header, or null */
    public MethodOutcome update(IdType id, IBaseResource resource, String ifMatch, String writer) {
        if (!id.hasIdPart()) {
            throw new InvalidRequestException("update needs the id in the URL: PUT [type]/[id]");
        }
        String type = fhirContext.getResourceType(resource);
        String bodyId = resource.getIdElement().getIdPart();
        if (bodyId != null && !bodyId.equals(id.getIdPart())) {
            throw new InvalidRequestException("the resource's id '" + bodyId + "' is not the id in the URL '" + id.getIdPart() + "'");
        }
        resource.setId(new IdType(type, id.getIdPart()));
        return outcome(applyOne(new ResourceChange.Update(type + "/" + id.getIdPart(), resource, type, id.getIdPart(),
                ifMatch(id, ifMatch)), writer));
    }

    /** @param ifMatch the request's If-Match header, or null */
    public MethodOutcome delete(IdType id, String ifMatch, String writer) {
        ChangeOutcome outcome = applyOne(new ResourceChange.Delete(id.getResourceType() + "/" + id.getIdPart(),
                id.getResourceType(), id.getIdPart(), ifMatch(id, ifMatch)), writer);
        OperationOutcome confirmation = new OperationOutcome();
        confirmation.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics(outcome.kind() == ChangeOutcome.Kind.ALREADY_DELETED
                        ? id.getResourceType() + "/" + id.getIdPart() + " was already deleted"
                        : "deleted " + id.getResourceType() + "/" + id.getIdPart() + " (version " + outcome.versionId() + ")");
        return new MethodOutcome(versioned(outcome)).setOperationOutcome(confirmation);
    }

    /**
     * The current resource of the type with the identifier, if exactly one, as a conditional create's
     * outcome; several are an error (FHIR: 412).
     */
    Optional<ChangeOutcome> matched(String type, IdentifierCondition condition) {
        List<String> matches = repository.search(type,
                List.of(new SearchCriterion.Token("identifier", condition.system(), condition.value())), 2);
        if (matches.size() > 1) {
            throw new PreconditionFailedException("conditional create: more than one " + type + " has identifier "
                    + (condition.system() == null ? "" : condition.system() + "|") + condition.value());
        }
        return matches.stream().findFirst().flatMap(id -> repository.read(type, id))
                .map(existing -> new ChangeOutcome(type, existing.resourceId(), existing.versionId(), existing.lastUpdated(),
                        ChangeOutcome.Kind.MATCHED));
    }

    private ChangeOutcome applyOne(ResourceChange change, String writer) {
        return switch (repository.apply(List.of(change), writer)) {
            case WriteResult.Applied applied -> applied.outcomes().getFirst();
            case WriteResult.Refused refused -> throw WriteRefusals.toException(fhirContext, refused);
        };
    }

    /** The id names the version that now stands; the caller adds the stored resource when the client wants it back. */
    private static MethodOutcome outcome(ChangeOutcome change) {
        MethodOutcome outcome = new MethodOutcome(versioned(change));
        outcome.setCreated(change.kind() == ChangeOutcome.Kind.CREATED);
        return outcome;
    }

    static IdType versioned(ChangeOutcome change) {
        return new IdType(change.resourceType(), change.resourceId(), Integer.toString(change.versionId()));
    }

    /**
     * The version an {@code If-Match: W/"3"} header requires. HAPI puts it on the id it passes to update
     * but not to delete, so the header itself is read too.
     */
    static Integer ifMatch(IdType id, String header) {
        String version = id.hasVersionIdPart() ? id.getVersionIdPart()
                : header == null || header.isBlank() ? null : header.strip().replaceFirst("^W/", "").replace("\"", "");
        if (version == null) {
            return null;
        }
        try {
            return Integer.valueOf(version);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("If-Match '" + version + "' names no version: use W/\"3\"");
        }
    }
}
