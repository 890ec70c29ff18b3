package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.BooleanType;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.PackageExamples;
import org.passagegateway.profiles.PassageProfiles;
import org.passagegateway.testdata.ReferralTransactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The compiled profiles against HAPI's generic validator: whatever they find surely conforming,
 * the generic validator finds without an error or a Passage warning, for every package example,
 * every referral transaction the tests and benchmarks send, and generated mutations of them (an
 * element removed or repeated, a value, code or reference replaced, an element, extension,
 * narrative or declared profile added). And they are sure often enough to matter: of every
 * conforming example and transaction. Why they are not sure (which is logged) never repeats a
 * value a client sent.
 */
class CompiledProfilesDifferentialTest extends H2GatewayTest {

  /** How many mutants: 20,000 by default; more to search further ({@code -Dpassage.differential.mutants=50000}). */
  /** A value the mutants put into text, codes, references and URLs, which no doubt may repeat. */
  private static final String MARKER = "zz-client-value";
  private static final int MUTANTS = Integer.getInteger("passage.differential.mutants", 20000);
  /** The first mutant's seed and the most mutations a mutant gets (to search elsewhere and deeper). */
  private static final int FIRST_SEED = Integer.getInteger("passage.differential.first-seed", 0);
  private static final int DEPTH = Integer.getInteger("passage.differential.depth", 3);

  @Autowired
  private FhirContext fhirContext;
  @Autowired
  @Qualifier("myInstanceValidator")
  private IInstanceValidatorModule instanceValidator;
  @Autowired
  private IValidationSupport validationSupport;
  @Autowired
  private ProfileValidator gatewayValidator;

  private ProfileValidator generic() {
    return new ProfileValidator(fhirContext, instanceValidator);
  }

  private SureConformance compiled() {
    return new SureConformance(fhirContext, validationSupport);
  }

  /** The examples of the enforced profiles, as the package holds them. */
  private static List<Resource> examples() {
    return PackageExamples.all().stream()
        .filter(example -> ProfileValidator.enforcedProfile(example.fhirType()).isPresent())
        .filter(example -> example.getMeta().hasProfile())
        .toList();
  }

  /**
   * A narrative (its XHTML), a logical reference (the gateway's audit events name their observer
   * by identifier) and a MIME type (an endpoint's payload: BCP 13, which no value set here
   * expands) are left to the generic validator; every other example is covered.
   */
  private static boolean covered(Resource example) {
    return !(example instanceof org.hl7.fhir.r4.model.DomainResource domain && domain.hasText())
        && !example.fhirType().equals("AuditEvent") && !example.fhirType().equals("Endpoint");
  }

  /**
   * Referral transactions as clients send them, and one as the gateway validates it: with the
   * custody tags it has added by then (custodian and parties).
   */
  private static List<Bundle> transactions() {
    Instant at = Instant.parse("2026-12-01T10:15:30Z");
    Bundle tagged = ReferralTransactions.newClientReferral("1-ABCD-EFGH-JKMN-5", "hr-1", "tb-1", "tb", "presumptive-tb", at);
    for (Bundle.BundleEntryComponent entry : tagged.getEntry()) {
      entry.getResource().setId(entry.getFullUrl()); // as HAPI holds an entry not yet stored
      entry.getResource().getMeta().addTag("https://passage-gateway.org/fhir/sid/custodian", "hr-1", null);
      entry.getResource().getMeta().addTag("https://passage-gateway.org/fhir/sid/party", "hr-1", null);
      entry.getResource().getMeta().addTag("https://passage-gateway.org/fhir/sid/party", "tb-1", null);
    }
    return List.of(tagged,
        ReferralTransactions.newClientReferral("1-ABCD-EFGH-JKMN-5", "hr-1", "anc-1", "prenatal-care", "pregnancy-care",
            Instant.now()),
        ReferralTransactions.newClientReferral("1-ABCD-EFGH-JKMN-5", "hr-1", "tb-1", "tb", "presumptive-tb", at),
        ReferralTransactions.newClientReferral("1-ABCD-EFGH-JKMN-5", "hr-1", "anc-1", "prenatal-care", "pregnancy-care", at,
            List.of("HIV")),
        ReferralTransactions.newClientOpenReferral("1-ABCD-EFGH-JKMN-5", "hr-1", "womens-shelter", "shelter", "housing", at));
  }

  @Test
  void whenAConformingExampleOrTransactionIsCheckedThenTheCompiledProfilesAreSureOfIt() {
    SureConformance compiled = compiled();
    List<String> doubts = new ArrayList<>();
    for (Resource example : examples().stream().filter(CompiledProfilesDifferentialTest::covered).toList()) {
      String profile = ProfileValidator.enforcedProfile(example.fhirType()).orElseThrow();
      compiled.doubt(example, profile, null)
          .ifPresent(doubt -> doubts.add(example.fhirType() + "/" + example.getIdPart() + ": " + doubt));
    }
    for (Bundle transaction : transactions()) {
      assertThat(generic().transactionErrors(transaction)).as("a conforming transaction")
          .extracting(e -> e.issue().getExpression() + " " + e.issue().getDiagnostics()).isEmpty();
      for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
        String profile = ProfileValidator.enforcedProfile(entry.getResource().fhirType()).orElseThrow();
        compiled.doubt(entry.getResource(), profile, transaction)
            .ifPresent(doubt -> doubts.add("transaction " + entry.getResource().fhirType() + ": " + doubt));
      }
    }
    assertThat(doubts).isEmpty();
  }

  @Test
  void whenAResourceCarriesValuesTheCompiledProfilesDoubtThenTheirReasonRepeatsNoneOfThem() {
    SureConformance compiled = compiled();
    List<String> doubts = new ArrayList<>();
    for (Resource example : examples()) {
      String profile = ProfileValidator.enforcedProfile(example.fhirType()).orElseThrow();
      List<Resource> marked = List.of(example.copy(), example.copy(), example.copy());
      Mutations.Slots.of(marked.get(0)).stream().filter(Coding.class::isInstance).map(Coding.class::cast)
          .forEach(coding -> coding.setCode(MARKER));
      Mutations.Slots.of(marked.get(1)).stream().filter(StringType.class::isInstance).map(StringType.class::cast)
          .forEach(text -> text.setValue(MARKER + " <b>"));
      Mutations.Slots.of(marked.get(2)).stream().filter(Reference.class::isInstance).map(Reference.class::cast)
          .forEach(reference -> reference.setReference("Patient/" + MARKER + "!"));
      for (Resource resource : marked) {
        compiled.doubt(resource, profile, null).ifPresent(doubts::add);
      }
    }
    assertThat(doubts).as("doubts of marked examples").hasSizeGreaterThan(examples().size());
    assertThat(doubts).noneMatch(doubt -> doubt.contains(MARKER));
  }

  @Test
  void whenManyThreadsCheckConformingTransactionsAtOnceThenEachIsSure() throws Exception {
    SureConformance compiled = compiled();
    List<String> doubts = java.util.Collections.synchronizedList(new ArrayList<>());
    org.passagegateway.gateway.support.AtOnce.run(4, () -> {
      for (int i = 0; i < 150; i++) {
        for (Bundle transaction : transactions()) {
          for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
            compiled.doubt(entry.getResource(), ProfileValidator.enforcedProfile(entry.getResource().fhirType()).orElseThrow(),
                transaction).ifPresent(doubts::add);
          }
        }
      }
      return null;
    });
    assertThat(doubts).as("doubts of conforming transactions checked from four threads").isEmpty();
  }

  @Test
  void whenASiteSendsAReferralThenTheGenericValidatorIsNotAskedAndARefusedOneIsStillItsAnswer() {
    ProfileValidator gateway = gatewayValidator;
    long before = gateway.genericValidations();
    fhirAs("demo-site-hr-1").transaction().withBundle(ReferralTransactions.newClientReferral(newPseudonym(), "hr-1",
        "tb-1", "tb", "presumptive-tb", Instant.now())).execute();
    assertThat(gateway.genericValidations()).as("generic validations of a conforming referral").isEqualTo(before);

    Bundle fullBirthDate = ReferralTransactions.newClientReferral(newPseudonym(), "hr-1", "tb-1", "tb",
        "presumptive-tb", Instant.now());
    ((Patient) fullBirthDate.getEntry().get(0).getResource()).getBirthDateElement().setValueAsString("1995-04-02");
    var refused = httpAs("demo-site-hr-1").send("POST", "/fhir", "application/fhir+json",
        fhirContext.newJsonParser().encodeResourceToString(fullBirthDate).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.passageCode()).isEqualTo("PASSAGE-2006");
    assertThat(refused.body()).contains("passage-birth-year");
    assertThat(gateway.genericValidations()).as("the refusal is the generic validator's").isEqualTo(before + 1);
  }

  @Test
  void whenTheCompiledProfilesAreSureOfAMutantThenTheGenericValidatorFindsNothingInIt() {
    SureConformance compiled = compiled();
    ProfileValidator generic = generic();
    List<Resource> examples = examples();
    List<String> disagreements = new ArrayList<>();
    int sure = 0;
    for (int seed = FIRST_SEED; seed < FIRST_SEED + MUTANTS; seed++) {
      Random random = new Random(seed);
      Resource mutant = examples.get(random.nextInt(examples.size())).copy();
      String mutations = Mutations.apply(mutant, random, 1 + random.nextInt(DEPTH));
      String profile = ProfileValidator.enforcedProfile(mutant.fhirType()).orElseThrow();
      Optional<String> doubt = compiled.doubt(mutant, profile, null);
      if (doubt.isPresent()) {
        // A doubt is logged: it names elements and definitions, never a value a client sent.
        if (doubt.get().contains(MARKER)) {
          disagreements.add("seed " + seed + ": a doubt that repeats a value: " + doubt.get());
        }
        continue;
      }
      sure++;
      ProfileValidator.Findings findings = generic.findings(mutant, mutant.fhirType());
      if (!findings.errors().isEmpty() || !findings.warnings().isEmpty()) {
        disagreements.add("seed " + seed + " (" + mutations + "): "
            + findings.errors().stream().map(i -> i.getExpression() + " " + i.getDiagnostics()).toList()
            + findings.warnings().stream().map(i -> i.getExpression() + " " + i.getDiagnostics()).toList());
      }
    }
    System.out.println("compiled profiles sure of " + sure + " of " + MUTANTS + " mutants");
    assertThat(disagreements).as("mutants the compiled profiles were sure of and the generic validator was not").isEmpty();
    assertThat(sure).as("mutants the compiled profiles were sure of").isGreaterThan(MUTANTS / 20);
  }

  @Test
  void whenTheCompiledProfilesAreSureOfAMutatedTransactionThenTheGenericValidatorFindsNoErrorInIt() {
    SureConformance compiled = compiled();
    ProfileValidator generic = generic();
    List<String> disagreements = new ArrayList<>();
    int sure = 0;
    for (int seed = FIRST_SEED; seed < FIRST_SEED + MUTANTS / 5; seed++) {
      Random random = new Random(seed);
      List<Bundle> transactions = transactions();
      Bundle transaction = transactions.get(random.nextInt(transactions.size()));
      Bundle.BundleEntryComponent entry = transaction.getEntry().get(random.nextInt(transaction.getEntry().size()));
      String mutations = Mutations.apply(entry.getResource(), random, 1 + random.nextInt(DEPTH));
      boolean allSure = transaction.getEntry().stream().allMatch(each -> compiled.doubt(each.getResource(),
          ProfileValidator.enforcedProfile(each.getResource().fhirType()).orElseThrow(), transaction).isEmpty());
      if (!allSure) {
        continue;
      }
      sure++;
      List<ProfileValidator.EntryError> errors = generic.transactionErrors(transaction);
      if (!errors.isEmpty()) {
        disagreements.add("seed " + seed + " (" + entry.getResource().fhirType() + ": " + mutations + "): "
            + errors.stream().map(e -> e.issue().getExpression() + " " + e.issue().getDiagnostics()).toList());
      }
    }
    System.out.println("compiled profiles sure of " + sure + " of " + MUTANTS / 5 + " mutated transactions");
    assertThat(disagreements).as("transactions the compiled profiles were sure of and the generic validator was not")
        .isEmpty();
    assertThat(sure).as("transactions the compiled profiles were sure of").isGreaterThan(MUTANTS / 100);
  }

  /** One-step changes to a resource, chosen at random; each answers what it did. */
  static final class Mutations {

    private static final String[] ODD_TEXT = {"", " padded ", "two  spaces", "x", "2026-13-01", "1990-05-12", "1990",
        "not a code", "-1", "0", "true", "urn:uuid:" + UUID.nameUUIDFromBytes(new byte[] {1}), "#c1",
        "1-ABCD-EFGH-JKMN-5", "epoch-1", "hiv", "tb", "requested", "rejected", "cancelled", "TREAT", "OPTIN",
        "urn:oid:1.2.x", "urn:oid:1.2.840", "urn:uuid:nope", "<b>bold</b>", "a\u0001b", "relative/path",
        "http://hl7.org/fhir/ValueSet/consent-category", "http://example.org/system", "2026-12-01T10:15:30",
        "2026-12-01T10:15:30Z", "1-ABCD-EFGH-JKMN-4", "x".repeat(300), MARKER, "http://example.org/" + MARKER};
    private static final String[] REFERENCES = {"Patient/p1", "Organization/hr-1", "Organization/tb-1", "Task/t1",
        "ServiceRequest/s1", "Consent/c1", "HealthcareService/h1", "Endpoint/e1", "http://example.org/Patient/1",
        "#c1", "urn:uuid:" + UUID.nameUUIDFromBytes(new byte[] {2}), "Organization/", "organization/hr-1",
        "Patient/" + MARKER};
    private static final String[] SYSTEMS = {"https://passage-gateway.org/fhir/CodeSystem/passage-rejection-reason",
        "https://passage-gateway.org/fhir/CodeSystem/passage-cancellation-reason",
        "https://passage-gateway.org/fhir/CodeSystem/passage-site-type",
        "https://passage-gateway.org/fhir/CodeSystem/passage-service-type",
        "http://terminology.hl7.org/CodeSystem/v3-ActReason", "http://example.org/codes", "http://loinc.org",
        "http://hl7.org/fhir/ValueSet/consent-category", "http://terminology.hl7.org/CodeSystem/v3-ActCode",
        "http://terminology.hl7.org/CodeSystem/consentscope", "urn:oid:2.16.840.1.113883.5.4", "relative"};
    private static final String[] CODES = {"tb", "anc", "shelter", "hr", "prison", "capacity", "not-eligible",
        "client-declined", "duplicate", "TREAT", "HPAYMT", "59284-0", "fulfill", "x", "OPTIN", "OPTOUT", "HIV",
        "patient-privacy", "IRCP", "requested", "female", MARKER};
    private static final String[] LABEL_SYSTEMS = {"http://terminology.hl7.org/CodeSystem/v3-ActCode",
        "https://passage-gateway.org/fhir/CodeSystem/passage-sensitivity",
        "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "http://example.org/labels"};
    private static final String[] LABELS = {"HIV", "SDV", "ETH", "PSY", "SOC", "STD", "R", "N", "nonsense", "hiv"};
    private static final String[] EXTENSIONS = {PassageProfiles.CONTACT_SAFETY, PassageProfiles.RECIPIENT_SITE_TYPE,
        PassageProfiles.WOMEN_ONLY, PassageProfiles.CAPACITY, "http://example.org/extension",
        "http://hl7.org/fhir/StructureDefinition/patient-birthPlace",
        "http://hl7.org/fhir/uv/security-label-ds4p/StructureDefinition/extension-inline-sec-label",
        "https://passage-gateway.org/fhir/StructureDefinition/passage-unknown", "http://example.org/" + MARKER};

    private Mutations() {}

    static String apply(Resource resource, Random random, int count) {
      List<String> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        try {
          done.add(one(resource, random));
        } catch (RuntimeException refused) {
          done.add("a change the model refused"); // the resource stays one the model can hold
        }
      }
      return String.join(", ", done);
    }

    private static String one(Resource resource, Random random) {
      List<Slot> slots = new ArrayList<>();
      collect(resource, resource.fhirType(), slots);
      if (slots.isEmpty()) {
        return "nothing left to change";
      }
      Slot slot = slots.get(random.nextInt(slots.size()));
      switch (random.nextInt(9)) {
        case 0 -> {
          slot.parent().removeChild(slot.name(), slot.value());
          return "removed " + slot.path();
        }
        case 1 -> {
          if (slot.value() instanceof org.hl7.fhir.r4.model.Type type) {
            slot.parent().setProperty(slot.name(), type.copy());
          }
          return "repeated " + slot.path();
        }
        case 2 -> {
          PrimitiveType<?> primitive = primitiveIn(slots, random);
          if (primitive == null) {
            return "no primitive";
          }
          String text = ODD_TEXT[random.nextInt(ODD_TEXT.length)];
          if (!accepts(primitive, text)) {
            return "a value its type refuses";
          }
          primitive.setValueAsString(text);
          return "value '" + text + "'";
        }
        case 3 -> {
          Coding coding = instanceIn(slots, Coding.class, random);
          if (coding == null) {
            return "no coding";
          }
          if (random.nextBoolean()) {
            coding.setCode(CODES[random.nextInt(CODES.length)]);
          } else {
            coding.setSystem(SYSTEMS[random.nextInt(SYSTEMS.length)]);
          }
          if (random.nextInt(4) == 0) {
            coding.setDisplay(random.nextBoolean() ? "Some display" : null);
          }
          return "coding " + coding.getSystem() + "|" + coding.getCode();
        }
        case 4 -> {
          Reference reference = instanceIn(slots, Reference.class, random);
          if (reference == null) {
            return "no reference";
          }
          String to = REFERENCES[random.nextInt(REFERENCES.length)];
          reference.setReference(to);
          if (random.nextInt(5) == 0) {
            reference.setDisplay("a display");
          }
          return "reference " + to;
        }
        case 5 -> {
          String url = EXTENSIONS[random.nextInt(EXTENSIONS.length)];
          Extension extension = new Extension(url);
          switch (random.nextInt(6)) {
            case 0 -> extension.setValue(new BooleanType(true));
            case 1 -> extension.setValue(new CodeableConcept(new Coding(SYSTEMS[2], CODES[random.nextInt(5)], null)));
            case 2 -> extension.setValue(new Coding(LABEL_SYSTEMS[random.nextInt(LABEL_SYSTEMS.length)],
                LABELS[random.nextInt(LABELS.length)], random.nextInt(4) == 0 ? "a display" : null));
            case 3 -> extension.setValue(new Coding(SYSTEMS[random.nextInt(SYSTEMS.length)], CODES[random.nextInt(CODES.length)], null));
            case 4 -> extension.setValue(new StringType(ODD_TEXT[random.nextInt(ODD_TEXT.length)]));
            default -> extension.addExtension("doNotContact", new BooleanType(random.nextBoolean()));
          }
          if (slot.value() instanceof org.hl7.fhir.r4.model.Element element && random.nextBoolean()) {
            element.addExtension(extension);
          } else if (resource instanceof org.hl7.fhir.r4.model.DomainResource domain) {
            domain.addExtension(extension);
          }
          return "extension " + url;
        }
        case 6 -> {
          if (resource instanceof Patient patient) {
            switch (random.nextInt(4)) {
              case 0 -> patient.addName(new HumanName().setFamily("Doe"));
              case 1 -> patient.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("555"));
              case 2 -> patient.getBirthDateElement().setValueAsString("1995-04-02");
              default -> patient.addIdentifier().setSystem("https://passage-gateway.org/fhir/sid/pseudonym").setValue("x");
            }
            return "patient detail";
          }
          if (resource instanceof org.hl7.fhir.r4.model.DomainResource domain) {
            Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
            narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>");
            domain.setText(narrative);
          }
          return "narrative";
        }
        case 7 -> {
          switch (random.nextInt(3)) {
            case 0 -> resource.getMeta().addProfile(PassageProfiles.SITE);
            case 1 -> resource.getMeta().addTag("https://passage-gateway.org/fhir/sid/party", "hr-1", null);
            default -> resource.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIV", null);
          }
          return "meta";
        }
        default -> {
          Property empty = emptyChild(slot.value(), random);
          if (empty == null) {
            return "no empty element";
          }
          try {
            Base added = slot.value().addChild(empty.getName());
            String text = ODD_TEXT[random.nextInt(ODD_TEXT.length)];
            if (added instanceof PrimitiveType<?> primitive && accepts(primitive, text)) {
              primitive.setValueAsString(text);
            } else if (added instanceof CodeableConcept concept) {
              concept.addCoding(new Coding(SYSTEMS[random.nextInt(SYSTEMS.length)], CODES[random.nextInt(CODES.length)], null));
            } else if (added instanceof Reference reference) {
              reference.setReference(REFERENCES[random.nextInt(REFERENCES.length)]);
            } else if (added instanceof org.hl7.fhir.r4.model.Element element) {
              element.addExtension(new Extension(EXTENSIONS[4], new StringType("x")));
            }
            return "added " + slot.path() + "." + empty.getName();
          } catch (RuntimeException notAddable) {
            return "nothing added";
          }
        }
      }
    }

    /** Whether a primitive of this type takes the text (a type that refuses it is left in a broken state). */
    private static boolean accepts(PrimitiveType<?> primitive, String text) {
      try {
        ((PrimitiveType<?>) primitive.copy()).setValueAsString(text);
        return true;
      } catch (RuntimeException refused) {
        return false;
      }
    }

    record Slot(Base parent, String name, Base value, String path) {}

    /** Every value inside a resource, at any depth. */
    static final class Slots {
      private Slots() {}

      static List<Base> of(Resource resource) {
        List<Slot> slots = new ArrayList<>();
        collect(resource, resource.fhirType(), slots);
        return slots.stream().map(Slot::value).toList();
      }
    }

    private static void collect(Base parent, String path, List<Slot> slots) {
      for (Property property : parent.children()) {
        for (Base value : property.getValues()) {
          if (value == null || value.isEmpty() || value instanceof Resource) {
            continue;
          }
          String at = path + "." + property.getName();
          slots.add(new Slot(parent, property.getName(), value, at));
          collect(value, at, slots);
        }
      }
    }

    private static PrimitiveType<?> primitiveIn(List<Slot> slots, Random random) {
      return instanceIn(slots, PrimitiveType.class, random);
    }

    private static <T> T instanceIn(List<Slot> slots, Class<T> type, Random random) {
      List<T> found = slots.stream().map(Slot::value).filter(type::isInstance).map(type::cast).toList();
      return found.isEmpty() ? null : found.get(random.nextInt(found.size()));
    }

    private static Property emptyChild(Base value, Random random) {
      if (value.isPrimitive()) {
        return null;
      }
      List<Property> empty = value.children().stream()
          .filter(property -> property.getValues().stream().allMatch(v -> v == null || v.isEmpty()))
          .filter(property -> !property.getTypeCode().contains("Resource"))
          .toList();
      return empty.isEmpty() ? null : empty.get(random.nextInt(empty.size()));
    }
  }
}
