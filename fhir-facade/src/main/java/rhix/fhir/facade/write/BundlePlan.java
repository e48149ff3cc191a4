package rhix.fhir.facade.write;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import rhix.fhir.facade.store.ChangeOutcome;
import rhix.fhir.facade.store.ResourceChange;
import rhix.fhir.facade.store.ResourceChange.IdentifierCondition;

/**
 * The store changes a transaction or batch Bundle asks for. New resources get their ids here and every
 * reference to an entry's {@code fullUrl} (usually {@code urn:uuid:…}) is rewritten to that id; a
 * conditional create whose identifier already exists becomes no change at all, and references to it
 * point at the existing resource.
 */
record BundlePlan(List<ResourceChange> changes, List<Slot> slots) {

    /** Where an entry's outcome comes from: the store's answer to one change, or a match found beforehand. */
    record Slot(int changeIndex, ChangeOutcome matched) {
    }

    static BundlePlan of(FhirContext fhirContext, ResourceWrites writes, List<Bundle.BundleEntryComponent> entries,
                         int firstIndex) {
        List<ResourceChange> changes = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        Map<String, String> fullUrlToReference = new HashMap<>();
        List<IBaseResource> written = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent entry = entries.get(i);
            String location = "Bundle.entry[" + (firstIndex + i) + "]";
            if (!entry.hasRequest() || !entry.getRequest().hasMethod() || !entry.getRequest().hasUrl()) {
                throw new InvalidRequestException(location + ": request.method and request.url are required");
            }
            Bundle.BundleEntryRequestComponent request = entry.getRequest();
            switch (request.getMethod()) {
                case POST -> {
                    Resource resource = resourceOf(entry, location);
                    String type = resource.fhirType();
                    if (!type.equals(request.getUrl())) {
                        throw new InvalidRequestException(location + ": request.url of a create is the resource type ('" + type
                                + "'), not '" + request.getUrl() + "'");
                    }
                    IdentifierCondition condition = request.hasIfNoneExist() ? parse(location, request.getIfNoneExist()) : null;
                    Optional<ChangeOutcome> match = condition == null ? Optional.empty() : writes.matched(type, condition);
                    String id = match.map(ChangeOutcome::resourceId).orElseGet(() -> UUID.randomUUID().toString());
                    if (entry.hasFullUrl()) {
                        fullUrlToReference.put(entry.getFullUrl(), type + "/" + id);
                    }
                    if (match.isPresent()) {
                        slots.add(new Slot(-1, match.get()));
                        continue;
                    }
                    resource.setId(new IdType(type, id));
                    slots.add(new Slot(changes.size(), null));
                    changes.add(new ResourceChange.Create(location, resource, type, id, condition));
                    written.add(resource);
                }
                case PUT -> {
                    Resource resource = resourceOf(entry, location);
                    IdType target = instanceUrl(location, request.getUrl());
                    if (!target.getResourceType().equals(resource.fhirType())) {
                        throw new InvalidRequestException(location + ": request.url names a " + target.getResourceType()
                                + " but the entry holds a " + resource.fhirType());
                    }
                    String bodyId = resource.getIdElement().getIdPart();
                    // HAPI's parser gives a resource without an id its entry's fullUrl: that is no id of the client's.
                    boolean idFromFullUrl = entry.hasFullUrl() && entry.getFullUrl().equals(resource.getId());
                    if (bodyId != null && !idFromFullUrl && !bodyId.equals(target.getIdPart())) {
                        throw new InvalidRequestException(location + ": the resource's id '" + bodyId
                                + "' is not the id in request.url '" + target.getIdPart() + "'");
                    }
                    resource.setId(new IdType(target.getResourceType(), target.getIdPart()));
                    if (entry.hasFullUrl()) {
                        fullUrlToReference.put(entry.getFullUrl(), target.getResourceType() + "/" + target.getIdPart());
                    }
                    slots.add(new Slot(changes.size(), null));
                    changes.add(new ResourceChange.Update(location, resource, target.getResourceType(), target.getIdPart(),
                            ifMatch(location, request.getIfMatch())));
                    written.add(resource);
                }
                case DELETE -> {
                    IdType target = instanceUrl(location, request.getUrl());
                    slots.add(new Slot(changes.size(), null));
                    changes.add(new ResourceChange.Delete(location, target.getResourceType(), target.getIdPart(),
                            ifMatch(location, request.getIfMatch())));
                }
                default -> throw new InvalidRequestException(location + ": request.method " + request.getMethod().toCode()
                        + " is not supported in a transaction or batch here (POST, PUT and DELETE are)");
            }
        }
        rewriteReferences(fhirContext, written, fullUrlToReference);
        return new BundlePlan(List.copyOf(changes), List.copyOf(slots));
    }

    /** One outcome per entry, in the Bundle's order, from the store's outcomes (in the order of {@link #changes}). */
    List<ChangeOutcome> outcomesInEntryOrder(List<ChangeOutcome> applied) {
        return slots.stream().map(slot -> slot.matched() != null ? slot.matched() : applied.get(slot.changeIndex())).toList();
    }

    private static void rewriteReferences(FhirContext fhirContext, List<IBaseResource> resources, Map<String, String> targets) {
        for (IBaseResource resource : resources) {
            for (IBaseReference reference : fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, IBaseReference.class)) {
                String value = reference.getReferenceElement().getValue();
                if (value == null) {
                    continue;
                }
                String target = targets.get(value);
                if (target != null) {
                    reference.setReference(target);
                } else if (value.startsWith("urn:uuid:") || value.startsWith("urn:oid:")) {
                    throw new InvalidRequestException(fhirContext.getResourceType(resource) + " refers to " + value
                            + ", which is the fullUrl of no entry of the Bundle");
                }
            }
        }
    }

    private static Resource resourceOf(Bundle.BundleEntryComponent entry, String location) {
        if (!entry.hasResource()) {
            throw new InvalidRequestException(location + ": a " + entry.getRequest().getMethod().toCode() + " entry needs a resource");
        }
        return entry.getResource();
    }

    private static IdType instanceUrl(String location, String url) {
        if (url.contains("?")) {
            throw new InvalidRequestException(location + ": conditional " + url + " is not supported here; name the resource as [type]/[id]");
        }
        IdType id = new IdType(url);
        if (!id.hasResourceType() || !id.hasIdPart() || id.hasVersionIdPart()) {
            throw new InvalidRequestException(location + ": request.url must be [type]/[id], not '" + url + "'");
        }
        return id;
    }

    private static IdentifierCondition parse(String location, String ifNoneExist) {
        try {
            return IdentifierConditions.parse(ifNoneExist);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(location + ": " + e.getMessage());
        }
    }

    /** {@code W/"3"} or {@code 3}. */
    private static Integer ifMatch(String location, String ifMatch) {
        try {
            return ResourceWrites.ifMatch(new IdType(), ifMatch);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(location + ": request." + e.getMessage());
        }
    }
}
