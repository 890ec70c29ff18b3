package org.passagegateway.gateway.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.passagegateway.gateway.error.PassageError;

/**
 * HAPI's {@link AuthorizationInterceptor}, default deny, with the rules of the authenticated
 * caller: for each resource type, the interactions its role allows and its token's SMART scopes
 * grant ({@link RolePermissions}); transactions whose entries pass the same rules; {@code
 * $validate} at type level where the caller may create or update; the terminology operations
 * ({@code $expand}, {@code $validate-code}, {@code $lookup}, {@code $translate}) for everyone.
 *
 * <p>Everything else is denied with a 403 before HAPI handles the request, whether or not the
 * resource exists: {@code $meta} and its variants, {@code $everything}, {@code $export}, GraphQL,
 * {@code $reindex}, {@code $expunge}, {@code $trigger-subscription}, {@code $validate} of a stored
 * instance, instance or type {@code $diff}, terminology uploads and any operation HAPI adds. HAPI's
 * rules do not tell SMART's {@code r} from {@code s} or {@code c} from {@code u}; {@link
 * InteractionScopes} checks those. Which instances a site sees is {@link SiteBoundary}'s.
 *
 * @see <a href="https://hapifhir.io/hapi-fhir/docs/security/authorization_interceptor.html">AuthorizationInterceptor</a>
 */
final class FhirAuthorization extends AuthorizationInterceptor {

  private static final List<String> TERMINOLOGY_OPERATIONS =
      List.of("$expand", "$validate-code", "$lookup", "$translate", "$subsumes");
  private static final List<String> TERMINOLOGY_TYPES = List.of("ValueSet", "CodeSystem", "ConceptMap");

  private final FhirContext fhirContext;
  private final Set<String> resourceTypes;
  private final List<OperationGrant> operations;

  FhirAuthorization(FhirContext fhirContext, Set<String> resourceTypes, List<OperationGrant> operations) {
    super(PolicyEnum.DENY);
    this.fhirContext = fhirContext;
    this.resourceTypes = Set.copyOf(resourceTypes);
    this.operations = List.copyOf(operations);
  }

  @Override
  public List<IAuthRule> buildRuleList(RequestDetails request) {
    RuleBuilder rules = new RuleBuilder();
    rules.allow("capability statement").metadata();
    Optional<Caller> caller = Callers.of(request);
    if (caller.isEmpty()) {
      return rules.denyAll("no authenticated caller").build();
    }
    // The definitions the CapabilityStatement links, for whoever reads it.
    rules.allow("operation definitions").read().resourcesOfType(OperationDefinition.class).withAnyId();
    boolean writes = false;
    boolean updates = false;
    for (String type : resourceTypes) {
      String granted = RolePermissions.granted(caller.get(), type);
      writes |= addTypeRules(rules, type, granted);
      updates |= granted.indexOf('u') >= 0;
    }
    if (updates) {
      rules.allow("patch").patch().allRequests();
    }
    if (writes) {
      rules.allow("transaction").transaction().withAnyOperation().andApplyNormalRules();
    }
    for (OperationGrant grant : operations) {
      if (RolePermissions.allows(caller.get(), grant.decidedBy(), grant.permission())) {
        rules.allow(grant.name()).operation().named(grant.name()).onInstancesOfType(classOf(grant.resourceType()))
            .andAllowAllResponses();
        rules.allow(grant.name()).operation().named(grant.name()).onType(classOf(grant.resourceType()))
            .andAllowAllResponses();
      }
    }
    for (String operation : TERMINOLOGY_OPERATIONS) {
      for (String type : TERMINOLOGY_TYPES) {
        rules.allow("terminology").operation().named(operation).onType(classOf(type)).andAllowAllResponses();
        rules.allow("terminology").operation().named(operation).onInstancesOfType(classOf(type)).andAllowAllResponses();
      }
    }
    return rules.denyAll("default deny").build();
  }

  /** Adds the rules of one type; whether the caller may write it. */
  private boolean addTypeRules(RuleBuilder rules, String type, String granted) {
    Class<? extends IBaseResource> typeClass = classOf(type);
    if (granted.indexOf('r') >= 0 || granted.indexOf('s') >= 0) {
      rules.allow(type + " read").read().resourcesOfType(typeClass).withAnyId();
    }
    if (granted.indexOf('c') >= 0) {
      rules.allow(type + " create").create().resourcesOfType(typeClass).withAnyId();
      rules.allow(type + " conditional create").createConditional().resourcesOfType(typeClass);
    }
    if (granted.indexOf('u') >= 0) {
      rules.allow(type + " update").write().resourcesOfType(typeClass).withAnyId();
    }
    if (granted.indexOf('d') >= 0) {
      rules.allow(type + " delete").delete().resourcesOfType(typeClass).withAnyId();
    }
    boolean writes = granted.indexOf('c') >= 0 || granted.indexOf('u') >= 0 || granted.indexOf('d') >= 0;
    if (validates(granted)) {
      rules.allow(type + " validate").operation().named("$validate").onType(typeClass).andAllowAllResponses();
    }
    return writes;
  }

  /** Type-level {@code $validate} is for whoever may create or update the type. */
  static boolean validates(String granted) {
    return granted.indexOf('c') >= 0 || granted.indexOf('u') >= 0;
  }

  /** Whether the operation is a terminology operation on a terminology type, which everyone may call. */
  static boolean isTerminology(String type, String operation) {
    return TERMINOLOGY_TYPES.contains(type) && TERMINOLOGY_OPERATIONS.contains(operation);
  }

  private Class<? extends IBaseResource> classOf(String type) {
    return fhirContext.getResourceDefinition(type).getImplementingClass();
  }

  @Override
  protected void handleDeny(RequestDetails request, Verdict decision) {
    throw PassageError.INTERACTION_NOT_ALLOWED.exception(describe(request));
  }

  /** The interaction, named without ids or values: "create of Task", "operation $meta on Task". */
  static String describe(RequestDetails request) {
    RestOperationTypeEnum operation = request.getRestOperationType();
    String type = request.getResourceName();
    String what = operation == null ? "this interaction" : switch (operation) {
      case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE ->
          "the operation " + sanitized(request.getOperation());
      case TRANSACTION -> "an entry of this transaction or batch";
      default -> operation.getCode() == null ? "this interaction" : operation.getCode();
    };
    return type == null || operation == RestOperationTypeEnum.TRANSACTION ? what : what + " on " + type;
  }

  private static String sanitized(String operation) {
    return operation != null && operation.matches("\\$?[A-Za-z0-9-]{1,64}") ? operation : "requested";
  }
}
