package rhix.fhir.facade.security;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleFinished;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Turns the token's SMART scopes into HAPI authorization rules: one {@link RuleBuilder} rule per scope and
 * permission, {@code patient/} scopes confined to the compartment of the token's {@code patient}. HAPI
 * applies them to the request and to every resource in the response (so an included resource of an
 * unscoped type, or another patient's resource, is refused too). Whatever no rule allows is a 403 whose
 * OperationOutcome names the scope that would have allowed it.
 */
public final class SmartScopeAuthorizationInterceptor extends AuthorizationInterceptor {

    private static final String VALIDATE = "$validate";

    private final List<TypeOperation> typeOperations;
    private final List<InstanceOperation> instanceOperations;

    public SmartScopeAuthorizationInterceptor() {
        this(List.of());
    }

    /** @param typeOperations the server's type-level operations over many resources ({@link TypeOperation}) */
    public SmartScopeAuthorizationInterceptor(List<TypeOperation> typeOperations) {
        this(typeOperations, List.of());
    }

    /** @param instanceOperations the server's instance operations that answer with resources from elsewhere ({@link InstanceOperation}) */
    public SmartScopeAuthorizationInterceptor(List<TypeOperation> typeOperations, List<InstanceOperation> instanceOperations) {
        super(PolicyEnum.DENY);
        this.typeOperations = List.copyOf(typeOperations);
        this.instanceOperations = List.copyOf(instanceOperations);
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        List<IAuthRule> rules = new ArrayList<>(new RuleBuilder().allow("metadata").metadata().build());
        Optional<AccessToken> token = AccessToken.of(request);
        if (token.isEmpty()) {
            // Authentication runs first and refuses requests without a token; reaching here means it was not installed.
            rules.addAll(new RuleBuilder().denyAll("no verified access token").build());
            return rules;
        }
        for (SmartScope scope : token.get().scopes()) {
            if (scope.context() == ScopeContext.PATIENT && token.get().patient().isEmpty()) {
                continue;
            }
            for (ScopePermission permission : scope.permissions()) {
                rules.addAll(rule(scope, permission, token.get().patient()));
            }
        }
        if (token.get().allows("Patient", ScopePermission.SEARCH)) {
            // Patient/$everything may be asked; every resource it returns must still pass a scope rule above
            // (and, for patient/ scopes, HAPI's search narrowing keeps the instance to the token's patient).
            rules.addAll(new RuleBuilder().allow("Patient/$everything, results checked by scope").operation().named("$everything")
                    .onInstancesOfType(Patient.class).andRequireExplicitResponseAuthorization().build());
        }
        for (TypeOperation operation : typeOperations) {
            String type = operation.type().getSimpleName();
            if (token.get().allowsBeyondOnePatient(type, ScopePermission.SEARCH)) {
                // The answer holds only resources of the type (or identifiers of them), which the scope already
                // lets the token search for, so it is not checked again resource by resource.
                rules.addAll(new RuleBuilder().allow(type + "/" + operation.name() + " by a search scope on " + type)
                        .operation().named(operation.name()).onType(operation.type()).andAllowAllResponses().build());
            }
        }
        for (InstanceOperation operation : instanceOperations) {
            if (token.get().allowsBeyondOnePatient(operation.answeredType(), ScopePermission.SEARCH)) {
                rules.addAll(new RuleBuilder().allow(operation.type().getSimpleName() + "/[id]/" + operation.name()
                                + " by a search scope on " + operation.answeredType())
                        .operation().named(operation.name()).onInstancesOfType(operation.type()).andAllowAllResponses().build());
            }
        }
        rules.addAll(validateRules(request, token.get()));
        // Each entry of a transaction or batch is checked against the rules above.
        rules.addAll(new RuleBuilder().allow("transaction entries by their own scopes").transaction().withAnyOperation()
                .andApplyNormalRules().build());
        return rules;
    }

    /**
     * {@code [type]/$validate} reads and writes nothing, so any scope on the type (any permission, any context)
     * lets the token ask; its answer is an OperationOutcome about the resource the caller sent.
     */
    private static List<IAuthRule> validateRules(RequestDetails request, AccessToken token) {
        if (token.scopes().stream().anyMatch(SmartScope::allowsAnyType)) {
            List<IAuthRule> rules = new ArrayList<>(new RuleBuilder().allow("$validate by a scope on every type").operation()
                    .named(VALIDATE).onAnyType().andAllowAllResponses().build());
            rules.addAll(new RuleBuilder().allow("[id]/$validate by a scope on every type").operation().named(VALIDATE).onAnyInstance()
                    .andAllowAllResponses().build());
            return rules;
        }
        List<IAuthRule> rules = new ArrayList<>();
        token.scopes().stream().map(SmartScope::resourceType).distinct().forEach(type -> {
            Class<? extends IBaseResource> resourceClass;
            try {
                resourceClass = request.getFhirContext().getResourceDefinition(type).getImplementingClass();
            } catch (DataFormatException unknownType) {
                return; // a scope on a type this FHIR version does not have reaches nothing
            }
            rules.addAll(new RuleBuilder().allow(type + "/$validate by a scope on " + type).operation().named(VALIDATE)
                    .onType(resourceClass).andAllowAllResponses().build());
            rules.addAll(new RuleBuilder().allow(type + "/[id]/$validate by a scope on " + type).operation().named(VALIDATE)
                    .onInstancesOfType(resourceClass).andAllowAllResponses().build());
        });
        return rules;
    }

    /**
     * One rule from a builder of its own: a single RuleBuilder merges compartment rules of the same
     * operation into one rule whose testers must <em>all</em> match, which would turn {@code rs} into
     * "read and search at once", i.e. nothing.
     */
    private static List<IAuthRule> rule(SmartScope scope, ScopePermission permission, Optional<String> patient) {
        RuleBuilder rules = new RuleBuilder();
        String name = scope + " (" + permission.name().toLowerCase(java.util.Locale.ROOT) + ")";
        IAuthRuleBuilderRuleOp operation = switch (permission) {
            case READ, SEARCH -> rules.allow(name).read();
            case CREATE -> rules.allow(name).create();
            case UPDATE -> rules.allow(name).write();
            case DELETE -> rules.allow(name).delete();
        };
        IAuthRuleBuilderRuleOpClassifier types = scope.allowsAnyType() ? operation.allResources()
                : operation.resourcesOfType(scope.resourceType());
        IAuthRuleFinished rule = scope.context() == ScopeContext.PATIENT
                ? types.inCompartment("Patient", new IdType("Patient", patient.orElseThrow()))
                : types.withAnyId();
        rule.withTester(new InteractionTester(permission));
        return rules.build();
    }

    @Override
    protected void handleDeny(RequestDetails request, Verdict decision) {
        throw new ForbiddenOperationException(denialMessage(request));
    }

    static String denialMessage(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        String type = request.getResourceName() == null ? SmartScope.ANY_TYPE : request.getResourceName();
        Optional<ScopePermission> permission = ScopePermission.requiredFor(operation);
        Optional<AccessToken> token = AccessToken.of(request);
        String granted = token.map(t -> t.scopes().stream().map(SmartScope::toString).collect(Collectors.joining(" ")))
                .filter(text -> !text.isEmpty()).orElse("(none)");
        if (VALIDATE.equals(request.getOperation())) {
            return SecurityErrorCode.SCOPE_MISSING.message("no scope of the token reaches " + type + "; a scope on " + type
                    + " or on * (user/, patient/ or system/, any permission) allows " + type + "/$validate; the token grants: " + granted);
        }
        if (permission.isEmpty()) {
            return SecurityErrorCode.SCOPE_MISSING.message("no scope of the token allows " + operation + "; the token grants: " + granted);
        }
        char letter = permission.get().letter();
        if (token.isPresent() && token.get().allows(type, permission.get())) {
            if (token.get().patient().isEmpty() && !token.get().allowsBeyondOnePatient(type, permission.get())) {
                return SecurityErrorCode.PATIENT_CLAIM_MISSING.message("the token's patient/ scopes need a 'patient' claim "
                        + "naming whose compartment they reach");
            }
            return SecurityErrorCode.SCOPE_MISSING.message("the response holds resources the token's scopes do not reach: "
                    + token.get().patient().map(p -> "patient/ scopes reach only the compartment of Patient/" + p + "; ").orElse("")
                    + "the token grants: " + granted);
        }
        return SecurityErrorCode.SCOPE_MISSING.message("missing scope " + ScopeContext.USER.prefix() + "/" + type + "." + letter
                + " (or patient/" + type + "." + letter + " for the token's patient, or system/" + type + "." + letter
                + "; * for the type also does) for " + operation.getCode() + " of " + type + "; the token grants: " + granted);
    }
}
