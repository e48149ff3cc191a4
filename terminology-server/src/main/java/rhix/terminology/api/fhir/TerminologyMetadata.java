package rhix.terminology.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.TerminologyCapabilities;
import rhix.terminology.content.TerminologyResources;
import rhix.terminology.store.TdbTerminologyResources;

/**
 * {@code GET /metadata}: a CapabilityStatement that instantiates the terminology-server capability (HAPI's
 * generated one lists the operations under names clients do not look for), and with {@code ?mode=terminology}
 * the TerminologyCapabilities: the code systems held and the expansion parameters understood.
 */
@Interceptor
public final class TerminologyMetadata {

    static final List<String> EXPANSION_PARAMETERS = List.of("activeOnly", "check-system-version", "count", "displayLanguage",
            "excludeNested", "force-system-version", "includeDefinition", "includeDesignations", "offset", "property",
            "system-version", "tx-resource");
    private static final String VERSION = "0.1.0";
    private static final String FEATURE = "http://hl7.org/fhir/uv/application-feature/StructureDefinition/feature";

    private final FhirContext fhirContext;
    private final TerminologyResources resources;
    private final String serverName;

    public TerminologyMetadata(FhirContext fhirContext, TerminologyResources resources, String serverName) {
        this.fhirContext = fhirContext;
        this.resources = resources;
        this.serverName = serverName;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean answerMetadata(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (!"GET".equals(request.getMethod()) || path == null || !path.equals("/metadata")) {
            return true;
        }
        Resource answer = "terminology".equals(request.getParameter("mode")) ? terminologyCapabilities(request) : capabilityStatement(request);
        response.setStatus(200);
        response.setContentType("application/fhir+json;charset=utf-8");
        response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(answer));
        response.getWriter().flush();
        return false;
    }

    private CapabilityStatement capabilityStatement(HttpServletRequest request) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.addExtension(feature("http://hl7.org/fhir/uv/tx-tests/FeatureDefinition/test-version", new CodeType("1.7.8")));
        statement.addExtension(feature("http://hl7.org/fhir/uv/tx-ecosystem/FeatureDefinition/CodeSystemAsParameter", new BooleanType(true)));
        statement.setUrl(request.getRequestURL().toString());
        statement.setVersion(VERSION);
        statement.setName("RHIXTerminologyServer");
        statement.setTitle(serverName);
        statement.setStatus(Enumerations.PublicationStatus.ACTIVE);
        statement.setDate(new Date());
        statement.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        statement.addInstantiates("http://hl7.org/fhir/CapabilityStatement/terminology-server");
        statement.getSoftware().setName(serverName).setVersion(VERSION).setReleaseDate(new Date());
        statement.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        statement.addFormat("application/fhir+json");
        CapabilityStatement.CapabilityStatementRestComponent rest = statement.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        CapabilityStatement.CapabilityStatementRestResourceComponent codeSystem = rest.addResource().setType("CodeSystem");
        operation(codeSystem, "lookup", "http://hl7.org/fhir/OperationDefinition/CodeSystem-lookup");
        operation(codeSystem, "validate-code", "http://hl7.org/fhir/OperationDefinition/CodeSystem-validate-code");
        operation(codeSystem, "subsumes", "http://hl7.org/fhir/OperationDefinition/CodeSystem-subsumes");
        CapabilityStatement.CapabilityStatementRestResourceComponent valueSet = rest.addResource().setType("ValueSet");
        operation(valueSet, "expand", "http://hl7.org/fhir/OperationDefinition/ValueSet-expand");
        operation(valueSet, "validate-code", "http://hl7.org/fhir/OperationDefinition/ValueSet-validate-code");
        CapabilityStatement.CapabilityStatementRestResourceComponent conceptMap = rest.addResource().setType("ConceptMap");
        operation(conceptMap, "translate", "http://hl7.org/fhir/OperationDefinition/ConceptMap-translate");
        if (resources instanceof TdbTerminologyResources) {
            List.of(codeSystem, valueSet, conceptMap).forEach(TerminologyMetadata::crudAndSearch);
        } else {
            valueSet.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
            valueSet.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
        }
        rest.addOperation().setName("versions").setDefinition("http://hl7.org/fhir/OperationDefinition/-versions");
        return statement;
    }

    private TerminologyCapabilities terminologyCapabilities(HttpServletRequest request) {
        TerminologyCapabilities capabilities = new TerminologyCapabilities();
        capabilities.setUrl(request.getRequestURL().toString() + "?mode=terminology");
        capabilities.setVersion(VERSION);
        capabilities.setName("RHIXTerminologyServer");
        capabilities.setTitle(serverName);
        capabilities.setStatus(Enumerations.PublicationStatus.ACTIVE);
        capabilities.setDate(new Date());
        capabilities.setKind(TerminologyCapabilities.CapabilityStatementKind.INSTANCE);
        for (TerminologyResources.HeldVersion held : resources.versions()) {
            if ("CodeSystem".equals(held.resourceType())) {
                TerminologyCapabilities.TerminologyCapabilitiesCodeSystemComponent codeSystem = capabilities.getCodeSystem().stream()
                        .filter(existing -> held.url().equals(existing.getUri())).findFirst()
                        .orElseGet(() -> capabilities.addCodeSystem().setUri(held.url()));
                if (held.version() != null) {
                    codeSystem.addVersion().setCode(held.version());
                }
            }
        }
        EXPANSION_PARAMETERS.forEach(name -> capabilities.getExpansion().addParameter().setName(name));
        return capabilities;
    }

    /** What {@link TerminologyResourceProvider} serves on each type when the terminology is held in the store. */
    private static void crudAndSearch(CapabilityStatement.CapabilityStatementRestResourceComponent resource) {
        for (CapabilityStatement.TypeRestfulInteraction interaction : List.of(CapabilityStatement.TypeRestfulInteraction.READ,
                CapabilityStatement.TypeRestfulInteraction.CREATE, CapabilityStatement.TypeRestfulInteraction.UPDATE,
                CapabilityStatement.TypeRestfulInteraction.DELETE, CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE)) {
            resource.addInteraction().setCode(interaction);
        }
        resource.addSearchParam().setName("_id").setType(org.hl7.fhir.r4.model.Enumerations.SearchParamType.TOKEN);
        resource.addSearchParam().setName("url").setType(org.hl7.fhir.r4.model.Enumerations.SearchParamType.URI);
        resource.addSearchParam().setName("version").setType(org.hl7.fhir.r4.model.Enumerations.SearchParamType.TOKEN);
        resource.addSearchParam().setName("name").setType(org.hl7.fhir.r4.model.Enumerations.SearchParamType.STRING);
        resource.addSearchParam().setName("title").setType(org.hl7.fhir.r4.model.Enumerations.SearchParamType.STRING);
        resource.addSearchParam().setName("status").setType(org.hl7.fhir.r4.model.Enumerations.SearchParamType.TOKEN);
    }

    private static void operation(CapabilityStatement.CapabilityStatementRestResourceComponent resource, String name, String definition) {
        resource.addOperation().setName(name).setDefinition(definition);
    }

    private static Extension feature(String definition, org.hl7.fhir.r4.model.Type value) {
        Extension feature = new Extension(FEATURE);
        feature.addExtension("definition", new CanonicalType(definition));
        feature.addExtension("value", value);
        return feature;
    }
}
