package rhix.terminology.audit;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The access log, closed (its queue drained) with the application. */
@Factory
public class AuditTrailFactory {

    @Singleton
    @Bean(preDestroy = "close")
    AuditTrail auditTrail(AuditConfiguration configuration) {
        return new AuditTrail(configuration);
    }
}
