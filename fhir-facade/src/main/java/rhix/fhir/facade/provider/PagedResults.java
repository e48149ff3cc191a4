package rhix.fhir.facade.provider;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * A result of known size that HAPI pages through, each page loaded from the store only when HAPI asks for it.
 * Subclasses say how big the result is and how to load a page; the paging identity lives here.
 */
public abstract class PagedResults implements IBundleProvider {

    private final String uuid = UUID.randomUUID().toString();
    private final InstantType published = new InstantType(new Date());

    @Override
    public final IPrimitiveType<Date> getPublished() {
        return published;
    }

    @Override
    public final String getUuid() {
        return uuid;
    }

    /** None of our own: HAPI's default page size (and the client's {@code _count}) apply. */
    @Override
    public final Integer preferredPageSize() {
        return null;
    }
}
