package org.passagegateway.gateway.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;

/**
 * The CapabilityStatement lists what the access rules let some role do, and nothing else: it is
 * cut down from what HAPI generates with the same rules that enforce access ({@link
 * RolePermissions}, the operation grants, {@link FhirAuthorization}'s {@code $validate} and
 * terminology operations). A type no role may use is not listed; a type's interactions are those
 * some role's permissions allow (read, vread and instance history for {@code r}, search for
 * {@code s}, create for {@code c}, update and patch for {@code u}, delete for {@code d}); type and
 * system history, conditional delete and the system operations HAPI offers (which the rules refuse)
 * are never listed.
 */
@Interceptor
final class AdvertisedAccess {

  private final List<OperationGrant> grants;

  AdvertisedAccess(List<OperationGrant> grants) {
    this.grants = List.copyOf(grants);
  }

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void advertise(IBaseConformance generated) {
    CapabilityStatement statement = (CapabilityStatement) generated;
    for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
      rest.getResource().removeIf(resource -> RolePermissions.anyRole(resource.getType()).isEmpty());
      rest.getResource().forEach(this::cut);
      rest.getOperation().clear();
      rest.getInteraction().removeIf(interaction ->
          interaction.getCode() == CapabilityStatement.SystemRestfulInteraction.HISTORYSYSTEM);
    }
  }

  private void cut(CapabilityStatementRestResourceComponent resource) {
    String type = resource.getType();
    Set<TypeRestfulInteraction> allowed = interactions(RolePermissions.anyRole(type));
    resource.getInteraction().removeIf(interaction -> !allowed.contains(interaction.getCode()));
    resource.setConditionalDelete(CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
    resource.getOperation().removeIf(operation -> !operationAllowed(type, operation.getName()));
  }

  /** The FHIR interactions those permissions allow. */
  static Set<TypeRestfulInteraction> interactions(String permissions) {
    Set<TypeRestfulInteraction> interactions = EnumSet.noneOf(TypeRestfulInteraction.class);
    if (permissions.indexOf('r') >= 0) {
      interactions.addAll(List.of(TypeRestfulInteraction.READ, TypeRestfulInteraction.VREAD,
          TypeRestfulInteraction.HISTORYINSTANCE));
    }
    if (permissions.indexOf('s') >= 0) {
      interactions.add(TypeRestfulInteraction.SEARCHTYPE);
    }
    if (permissions.indexOf('c') >= 0) {
      interactions.add(TypeRestfulInteraction.CREATE);
    }
    if (permissions.indexOf('u') >= 0) {
      interactions.addAll(List.of(TypeRestfulInteraction.UPDATE, TypeRestfulInteraction.PATCH));
    }
    if (permissions.indexOf('d') >= 0) {
      interactions.add(TypeRestfulInteraction.DELETE);
    }
    return interactions;
  }

  /** Whether some role may call the operation (named without its {@code $}) on the type. */
  private boolean operationAllowed(String type, String name) {
    String operation = "$" + name;
    String permissions = RolePermissions.anyRole(type);
    if ("$validate".equals(operation)) {
      return FhirAuthorization.validates(permissions);
    }
    if (FhirAuthorization.isTerminology(type, operation)) {
      return true;
    }
    return grants.stream().anyMatch(grant -> grant.name().equals(operation) && grant.resourceType().equals(type)
        && RolePermissions.anyRole(grant.decidedBy()).indexOf(grant.permission()) >= 0);
  }
}
