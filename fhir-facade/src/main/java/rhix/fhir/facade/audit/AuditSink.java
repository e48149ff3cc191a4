package rhix.fhir.facade.audit;

import org.hl7.fhir.r4.model.AuditEvent;

/** Where the facade's AuditEvents go; the node keeps them in its store. Must not block the request for long. */
public interface AuditSink {

    void record(AuditEvent event);
}
