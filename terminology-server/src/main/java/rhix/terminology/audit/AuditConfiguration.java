package rhix.terminology.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code rhix.terminology.audit.*}: where the FHIR API's access log (one AuditEvent per interaction) is kept.
 *
 * @param directory a folder of daily FHIR NDJSON files, {@code audit-YYYY-MM-DD.ndjson} (UTC), appended to; default
 *                  data/terminology-audit; empty → the events go to the application log only (logger
 *                  {@code rhix.terminology.audit})
 */
@ConfigurationProperties("rhix.terminology.audit")
public record AuditConfiguration(@Bindable(defaultValue = "data/terminology-audit") String directory) {
}
