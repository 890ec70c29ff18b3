package org.passagegateway.gateway.identity;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.passagegateway.gateway.config.Stages;
import org.passagegateway.gateway.error.PassageError;
import org.passagegateway.terminology.PassageTerminology;

/**
 * A client's network pseudonym is one this gateway issued: on every write of a Patient (REST,
 * transaction entries, the gateway's own), each identifier of the network pseudonym system must be
 * a pseudonym written as issued (capitals, hyphens) whose check character holds (a typing error is
 * refused, not matched to nobody), of a key epoch the gateway knows, and issued by {@code $pseudonym}. A record written
 * before pseudonyms were issued keeps its old pseudonym through updates until the site presents
 * her UIC and writes the issued one; a new record, or a changed pseudonym, must be issued.
 */
@Interceptor
public final class IssuedPseudonyms {

  private final PseudonymKeys keys;
  private final PseudonymRegistry registry;

  IssuedPseudonyms(PseudonymKeys keys, PseudonymRegistry registry) {
    this.keys = keys;
    this.registry = registry;
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Stages.IDENTITY)
  public void created(IBaseResource resource) {
    if (resource instanceof Patient patient) {
      pseudonyms(patient).forEach(value -> require(value, Set.of()));
    }
  }

  @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Stages.IDENTITY)
  public void updated(IBaseResource previous, IBaseResource resource) {
    if (resource instanceof Patient patient) {
      Set<String> before = previous instanceof Patient old ? pseudonyms(old) : Set.of();
      pseudonyms(patient).forEach(value -> require(value, before));
    }
  }

  private void require(String value, Set<String> unchanged) {
    if (unchanged.contains(value)) {
      return;
    }
    Optional<PseudonymFormat.Pseudonym> read = PseudonymFormat.read(value);
    if (read.isEmpty() || !read.get().text().equals(value) || !keys.knows(read.get().epoch())
        || !registry.issued(value)) {
      throw PassageError.PSEUDONYM_NOT_ISSUED.exception();
    }
  }

  private static Set<String> pseudonyms(Patient patient) {
    return patient.getIdentifier().stream()
        .filter(identifier -> PassageTerminology.CLIENT_PSEUDONYM.equals(identifier.getSystem()))
        .map(Identifier::getValue).filter(value -> value != null).collect(Collectors.toSet());
  }
}
