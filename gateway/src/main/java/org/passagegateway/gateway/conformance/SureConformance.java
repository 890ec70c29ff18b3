package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.ElementDefinition.SlicingRules;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.passagegateway.gateway.conformance.CompiledProfile.Rule;

/**
 * The compiled profiles: a fast, sufficient test that a resource conforms to its Passage profile,
 * run before HAPI's generic validator and in place of it when it answers yes.
 *
 * <p>It answers yes only when every element of the resource is one it can check and every check
 * passes: each element is in the profile's snapshot (or its datatype's), within its cardinality,
 * of an allowed type, in its primitive type's format, equal to a fixed value and holding a
 * pattern, each code in the expansion of its bound value set (display, if any, as the expansion
 * gives it), each reference of an allowed type, each extension one the profile slices in (or
 * one no definition here defines, checked as any extension), and every error invariant (and every
 * Passage invariant, whose warnings reach the client) true. Anything else (a narrative, contained
 * resources, a code it cannot expand, a slicing by type) is "not sure", and the generic validator
 * decides, so every refusal and every warning the gateway gives is still the generic validator's
 * own, word for word. A differential test holds the two to this: whatever it passes, the generic
 * validator passes ({@code CompiledProfilesDifferentialTest}).
 *
 * <p>The profiles are compiled on first use from the snapshots the validation support serves (the
 * installed {@code passage.fhir} package, the same definitions the generic validator reads), and
 * again when the support serves another copy of a profile (a package installed since).
 */
public final class SureConformance {

  private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
  private static final Pattern LITERAL = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})");
  private static final Pattern URN_UUID =
      Pattern.compile("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Map<String, Pattern> FORMATS = formats();
  /** A code system, identifier system or extension URL: an absolute URI, as the validator requires. */
  private static final Pattern SYSTEM = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.\\-]*:\\S+");
  private static final String BASE_DEFINITION = "http://hl7.org/fhir/StructureDefinition/";
  private static final int LOOKUPS_KEPT = 10_000;

  private final FhirContext fhirContext;
  private final IValidationSupport support;
  private final FHIRPathEngine fhirPath;
  private final Map<String, Compiled> profiles = new ConcurrentHashMap<>();
  private final Map<String, Optional<Map<String, String>>> expansions = new ConcurrentHashMap<>();
  // Keyed by what clients send (systems, codes, extension URLs): bounded, and never a display,
  // which is free text.
  private final Cache<String, Boolean> knownSystems = Caffeine.newBuilder().maximumSize(LOOKUPS_KEPT).build();
  private final Cache<String, Optional<String>> codeDisplays = Caffeine.newBuilder().maximumSize(LOOKUPS_KEPT).build();
  private final Cache<String, Boolean> definedExtensions = Caffeine.newBuilder().maximumSize(LOOKUPS_KEPT).build();

  /** A profile compiled from one StructureDefinition object (compiled again when it is replaced). */
  private record Compiled(Object from, Optional<CompiledProfile> profile) {}

  public SureConformance(FhirContext fhirContext, IValidationSupport support) {
    this.fhirContext = fhirContext;
    this.support = support;
    this.fhirPath = new FHIRPathEngine(new HapiWorkerContext(fhirContext, support));
  }

  /**
   * Why the resource is not surely conforming to {@code profile}, or empty when it surely is.
   * {@code transaction} is the transaction it is written in (references to its entries are
   * resolved there), or null.
   */
  public Optional<String> doubt(IBaseResource resource, String profile, Bundle transaction) {
    if (!(resource instanceof Resource r4)) {
      return Optional.of("not an R4 resource");
    }
    Optional<CompiledProfile> compiled = profile(profile);
    if (compiled.isEmpty()) {
      return Optional.of("profile " + profile + " could not be compiled");
    }
    if (!compiled.get().type().equals(r4.fhirType())) {
      return Optional.of("a " + r4.fhirType() + " under a profile of " + compiled.get().type());
    }
    try {
      Walk walk = new Walk(r4, compiled.get(), transaction);
      return Optional.ofNullable(walk.resource());
    } catch (RuntimeException unexpected) {
      return Optional.of("unexpected " + unexpected.getClass().getSimpleName());
    }
  }

  private Optional<CompiledProfile> profile(String url) {
    Compiled core = url.startsWith(BASE_DEFINITION) ? profiles.get(url) : null;
    if (core != null) {
      return core.profile(); // FHIR's own definitions (the datatypes) never change under a running gateway
    }
    IBaseResource current = support.fetchStructureDefinition(url);
    if (!(current instanceof StructureDefinition definition) || !definition.hasSnapshot()) {
      return Optional.empty();
    }
    Compiled known = profiles.get(url);
    if (known != null && known.from() == current) {
      return known.profile();
    }
    Optional<CompiledProfile> compiled;
    try {
      compiled = Optional.of(CompiledProfile.compile(definition, fhirPath, this::typeOfProfile));
    } catch (RuntimeException uncompilable) {
      compiled = Optional.empty();
    }
    profiles.put(url, new Compiled(current, compiled));
    return compiled;
  }

  private Optional<String> typeOfProfile(String url) {
    IBaseResource found = support.fetchStructureDefinition(url);
    return found instanceof StructureDefinition definition && definition.hasType()
        ? Optional.of(definition.getType()) : Optional.empty();
  }

  /**
   * Whether the terminology here knows a system: as a code system it can check codes of, or as
   * anything else it holds under that URL (a value set named as a system, which the validator refuses).
   */
  private boolean knownSystem(String system) {
    return support.isCodeSystemSupported(new ValidationSupportContext(support), system)
        || support.fetchValueSet(system) != null || support.fetchStructureDefinition(system) != null;
  }

  /** The codes of a value set's expansion (system|code, and code alone) with their displays, if it expands. */
  private Optional<Map<String, String>> expansion(String valueSet) {
    return expansions.computeIfAbsent(valueSet, url -> {
      try {
        IValidationSupport.ValueSetExpansionOutcome outcome =
            support.expandValueSet(new ValidationSupportContext(support), null, url);
        if (outcome == null || !(outcome.getValueSet() instanceof ValueSet expanded) || expanded.getExpansion().hasTotal()
            && expanded.getExpansion().getTotal() > expanded.getExpansion().getContains().size()) {
          return Optional.empty();
        }
        Map<String, String> codes = new HashMap<>();
        addAll(codes, expanded.getExpansion().getContains());
        return codes.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(codes));
      } catch (RuntimeException notExpandable) {
        return Optional.empty();
      }
    });
  }

  private static void addAll(Map<String, String> codes, List<ValueSet.ValueSetExpansionContainsComponent> contains) {
    for (ValueSet.ValueSetExpansionContainsComponent code : contains) {
      if (code.hasCode() && !code.getAbstract() && !code.getInactive()) {
        String display = code.hasDisplay() ? code.getDisplay() : "";
        codes.put(code.getSystem() + "|" + code.getCode(), display);
        codes.put("|" + code.getCode(), display);
      }
      addAll(codes, code.getContains());
    }
  }

  /** One resource's walk through its compiled profile; each check answers a doubt or null. */
  private final class Walk {
    private final Resource resource;
    private final CompiledProfile profile;
    private final Bundle transaction;

    Walk(Resource resource, CompiledProfile profile, Bundle transaction) {
      this.resource = resource;
      this.profile = profile;
      this.transaction = transaction;
    }

    String resource() {
      // A transaction's entry not yet stored carries its fullUrl (urn:uuid:) as its id, which HAPI
      // does not encode: the validator sees no id, as with any new resource.
      boolean placeholder = resource.hasIdElement() && resource.getIdElement().getValue().startsWith("urn:");
      if (resource.hasIdElement() && !placeholder && !FHIR_ID.matcher(resource.getIdElement().getIdPart()).matches()) {
        return "an id out of format";
      }
      if (resource.getIdElement().hasExtension()) {
        return "an id with extensions";
      }
      if (repeats(resource.getMeta().getSecurity()) || repeats(resource.getMeta().getTag())
          || resource.getMeta().getProfile().size() > 1) {
        return "a repeated label, tag or profile"; // which the validator refuses
      }
      for (var declared : resource.getMeta().getProfile()) {
        if (!profile.url().equals(CompiledProfile.withoutVersion(declared.getValue()))) {
          return "another profile declared";
        }
      }
      return element(profile.root(), resource, null);
    }

    private static boolean mixedDatePrecisions(Base value) {
      Set<String> precisions = new HashSet<>();
      for (Property property : value.children()) {
        for (Base child : property.getValues()) {
          if (child instanceof BaseDateTimeType date && date.getValue() != null) {
            precisions.add(date.getPrecision() + (date.getTimeZone() == null ? "" : " with a zone"));
          }
        }
      }
      return precisions.size() > 1;
    }

    private static boolean repeats(List<Coding> codings) {
      return codings.stream().map(coding -> coding.getSystem() + "|" + coding.getCode()).distinct().count() < codings.size();
    }

    /** One value of an element against its rule; {@code inherited} holds a binding it inherits (a CodeableConcept's, for its codings). */
    private String element(Rule rule, Base value, Rule inherited) {
      if (rule.notCovered != null) {
        return rule.notCovered;
      }
      String type = value.fhirType();
      String doubt = type(rule, value, type);
      if (doubt == null) {
        doubt = fixedAndPattern(rule, value);
      }
      if (doubt == null) {
        doubt = binding(rule, value, type, rule.valueSet != null ? rule : type.equals("Coding") ? inherited : null);
      }
      if (doubt == null && value instanceof Reference reference) {
        doubt = reference(rule, reference);
      }
      if (doubt == null) {
        doubt = invariants(rule.invariants, rule.comparing, value, rule.id);
      }
      if (doubt != null || value.isPrimitive()) {
        return doubt == null && ((Element) value).hasExtension()
            ? "an extension on a primitive at " + rule.id : doubt;
      }
      Rule structure = rule;
      if (!(value instanceof Resource) && !type.contains(".")) {
        // A datatype's own invariants (a period's start before its end), which a snapshot does not
        // always repeat on the element; and its elements, where the profile leaves them as the
        // datatype defines them.
        Optional<CompiledProfile> datatype = profile(BASE_DEFINITION + type);
        if (datatype.isEmpty()) {
          return "no definition of " + type;
        }
        String rootDoubt = invariants(datatype.get().root().invariants, datatype.get().root().comparing, value, rule.id);
        if (rootDoubt != null) {
          return rootDoubt;
        }
        if (rule.children.isEmpty()) {
          structure = datatype.get().root();
        }
      } else if (rule.children.isEmpty() && !(value instanceof Resource)) {
        return "no definition of " + type;
      }
      Rule passedOn = type.equals("CodeableConcept") ? (rule.valueSet != null ? rule : inherited) : null;
      return children(structure, value, passedOn);
    }

    private String type(Rule rule, Base value, String type) {
      // A value the profile fixes is the profile's own (a complex extension's relative names).
      if (value.isPrimitive() && !(rule.fixed != null && same(value, rule.fixed))) {
        String text = value.primitiveValue();
        if (!inFormat(type, text)) {
          return "a " + type + " out of format at " + rule.id;
        }
        if (rule.id.endsWith(".system") && !absolute(text)) {
          return "a system that is not absolute at " + rule.id;
        }
        if (rule.maxLength != null && text.length() > rule.maxLength) {
          return "too long at " + rule.id;
        }
      }
      if (rule.types.isEmpty() || value instanceof Resource) {
        return null;
      }
      if (rule.types.contains(type) || rule.types.contains("BackboneElement") || rule.types.contains("Element")) {
        return null;
      }
      return "a " + type + " where " + rule.types + " are allowed at " + rule.id;
    }

    private String fixedAndPattern(Rule rule, Base value) {
      if (rule.fixed != null && !same(value, rule.fixed)) {
        return "not the fixed value at " + rule.id;
      }
      if (rule.pattern != null && !holds(value, rule.pattern)) {
        return "not the pattern at " + rule.id;
      }
      return null;
    }

    private String binding(Rule rule, Base value, String type, Rule bound) {
      String valueSet = bound == null ? null : bound.valueSet;
      boolean coded = type.equals("code") || type.equals("Coding") || type.equals("CodeableConcept");
      if (valueSet == null) {
        // A coding under no binding is still checked against its system, if the validator knows it.
        return !type.equals("Coding") || unjudged((Coding) value, null, false) ? null
            : "a coding its system may refuse at " + rule.id;
      }
      if (!coded) {
        return "a binding of a " + type + " at " + rule.id;
      }
      boolean required = bound.requiredBinding;
      Optional<Map<String, String>> codes = expansion(valueSet);
      if (codes.isEmpty() && (required || !type.equals("Coding") && !type.equals("CodeableConcept"))) {
        return "value set " + valueSet + " does not expand";
      }
      codes = Optional.of(codes.orElse(Map.of()));
      if (value instanceof PrimitiveType<?> code) {
        return codes.get().containsKey("|" + code.getValueAsString()) ? null : "a code not in " + valueSet;
      }
      if (value instanceof Coding coding) {
        return known(coding, codes.get()) || !required && unjudged(coding, valueSet, bound.exampleBinding) ? null
            : "a coding not in " + valueSet + " at " + rule.id;
      }
      CodeableConcept concept = (CodeableConcept) value;
      if (!concept.hasCoding()) {
        return "a concept without a coding at " + rule.id;
      }
      for (Coding coding : concept.getCoding()) {
        if (!known(coding, codes.get()) && (required || !unjudged(coding, valueSet, bound.exampleBinding))) {
          return "a coding not in " + valueSet + " at " + rule.id;
        }
      }
      return null;
    }

    /**
     * A coding outside the expansion of a binding that is not required (or under no binding): the
     * validator refuses a code a system it knows does not have (or a display it does not give),
     * and otherwise only notes that the code is not in the value set or that it cannot check it.
     * Such a note reaches the client of a single write when it names a Passage URL, so that is not
     * sure either; under an example binding, a code of a system it does not know draws no note.
     */
    private boolean unjudged(Coding coding, String valueSet, boolean exampleBinding) {
      if (!coding.hasSystem() || !coding.hasCode() || coding.hasVersion() || coding.hasUserSelectedElement()) {
        return false;
      }
      boolean passageUrl = valueSet != null && valueSet.contains("passage-") || coding.getSystem().contains("passage-");
      if (!knownSystems.get(coding.getSystem(), SureConformance.this::knownSystem)) {
        return exampleBinding || !passageUrl;
      }
      if (valueSet != null && passageUrl) {
        return false; // the note that it is not in the value set names both
      }
      // The system's display of a code it has (empty for a code it does not have).
      Optional<String> display = codeDisplays.get(coding.getSystem() + "|" + coding.getCode(), key -> {
        var result = support.validateCode(new ValidationSupportContext(support), new ConceptValidationOptions(),
            coding.getSystem(), coding.getCode(), null, null);
        return result != null && result.isOk() ? Optional.of(result.getDisplay() == null ? "" : result.getDisplay())
            : Optional.empty();
      });
      return display.isPresent() && (!coding.hasDisplay() || coding.getDisplay().equals(display.get()));
    }

    private boolean known(Coding coding, Map<String, String> codes) {
      if (!coding.hasSystem() || !coding.hasCode() || coding.hasVersion() || coding.hasUserSelectedElement()) {
        return false;
      }
      String display = codes.get(coding.getSystem() + "|" + coding.getCode());
      return display != null && (!coding.hasDisplay() || coding.getDisplay().equals(display));
    }

    private String reference(Rule rule, Reference reference) {
      if (reference.hasIdentifier() || reference.hasType() || !reference.hasReference()) {
        return "a reference other than a literal one at " + rule.id;
      }
      String literal = reference.getReference();
      String target;
      var typed = LITERAL.matcher(literal);
      if (typed.matches()) {
        target = typed.group(1);
      } else if (transaction != null && URN_UUID.matcher(literal).matches()) {
        target = transaction.getEntry().stream()
            .filter(entry -> literal.equals(entry.getFullUrl()) && entry.getResource() != null)
            .map(entry -> entry.getResource().fhirType()).findFirst().orElse(null);
        if (target == null) {
          return "a reference to no entry at " + rule.id;
        }
      } else {
        return "a reference of another form at " + rule.id;
      }
      if (!fhirContext.getResourceTypes().contains(target)) {
        return "a reference to no resource type at " + rule.id;
      }
      return rule.targetTypes.isEmpty() || rule.targetTypes.contains(target) ? null
          : "a reference to a " + target + " at " + rule.id;
    }

    private String invariants(List<ExpressionNode> invariants, boolean comparing, Base value, String where) {
      if (comparing && !value.isPrimitive() && mixedDatePrecisions(value)) {
        // R4's FHIRPath engine and the validator's compare dates of different precisions
        // differently (per-1 on a period from a date to a date and time): left to the validator.
        return "dates of different precisions at " + where;
      }
      for (ExpressionNode invariant : invariants) {
        if (!fhirPath.evaluateToBoolean(null, resource, resource, value, invariant)) {
          return "an invariant fails at " + where;
        }
      }
      return null;
    }

    private String children(Rule structure, Base value, Rule passedOn) {
      for (Property property : value.children()) {
        List<Base> values = property.getValues().stream().filter(child -> child != null && !child.isEmpty()).toList();
        String name = property.getName();
        Rule child = structure.children.get(name);
        if (values.isEmpty()) {
          if (child != null && child.min > 0) {
            return "missing " + child.id;
          }
          if (child != null && child.sliced() && child.slices.values().stream().anyMatch(slice -> slice.min > 0)) {
            return "a missing slice of " + child.id;
          }
          continue;
        }
        if (name.equals("modifierExtension") || value instanceof Resource
            && (name.equals("contained") || name.equals("text") || name.equals("implicitRules"))) {
          return "a " + name;
        }
        if (child == null) {
          return "element " + name + " not in " + structure.id;
        }
        if (name.equals("extension") && !child.sliced()) {
          String doubt = unnamedExtensions(values, child.id, value instanceof Extension);
          if (doubt != null) {
            return doubt;
          }
          continue;
        }
        if (values.size() < child.min || values.size() > child.max) {
          return "cardinality of " + child.id;
        }
        if (child.id.endsWith(".id") && value instanceof Resource) {
          continue; // checked as the resource's id
        }
        String doubt = child.sliced() || !child.slices.isEmpty() ? sliced(child, values, passedOn, value instanceof Extension)
            : each(child, values, passedOn);
        if (doubt != null) {
          return doubt;
        }
      }
      return null;
    }

    private String each(Rule rule, List<Base> values, Rule passedOn) {
      for (Base item : values) {
        String doubt = element(rule, item, passedOn);
        if (doubt != null) {
          return doubt;
        }
      }
      return null;
    }

    private String sliced(Rule rule, List<Base> values, Rule passedOn, boolean inExtension) {
      if (rule.slicing == null) {
        return "slices without slicing at " + rule.id;
      }
      Map<Rule, Integer> counts = new HashMap<>();
      for (Base item : values) {
        Rule slice = sliceOf(rule, item);
        if (slice == null) {
          if (rule.slicing.getRules() == SlicingRules.CLOSED) {
            return "a value in no slice of closed " + rule.id;
          }
          if (item instanceof Extension) {
            String doubt = unnamedExtensions(List.of(item), rule.id, inExtension);
            if (doubt != null) {
              return doubt;
            }
            continue;
          }
          slice = rule;
        } else {
          counts.merge(slice, 1, Integer::sum);
        }
        String doubt = slice.extensionUrl != null ? extension(slice, (Extension) item) : element(slice, item, passedOn);
        if (doubt != null) {
          return doubt;
        }
      }
      for (Rule slice : rule.slices.values()) {
        int count = counts.getOrDefault(slice, 0);
        if (count < slice.min || count > slice.max) {
          return "cardinality of slice " + slice.id;
        }
      }
      return null;
    }

    /**
     * Extensions the profile does not name: the validator allows one no definition here defines
     * (it notes it, naming its URL: a Passage URL is not sure) and checks it as any extension;
     * one it has a definition of it checks against that, in its context, which is left to it.
     */
    private String unnamedExtensions(List<Base> extensions, String where, boolean inExtension) {
      if (inExtension) {
        return "a part of an extension its definition does not name at " + where;
      }
      Optional<CompiledProfile> base = profile(BASE_DEFINITION + "Extension");
      for (Base item : extensions) {
        String url = ((Extension) item).getUrl();
        if (url == null || !absolute(url) || url.contains("passage-") || base.isEmpty()
            || definedExtensions.get(url, known -> support.fetchStructureDefinition(known) != null)) {
          return "an extension the profile does not name at " + where;
        }
        String doubt = element(base.get().root(), item, null);
        if (doubt != null) {
          return doubt;
        }
      }
      return null;
    }

    private String extension(Rule slice, Extension extension) {
      if (slice.notCovered != null) {
        return slice.notCovered;
      }
      Optional<CompiledProfile> definition = profile(slice.extensionUrl);
      if (definition.isEmpty()) {
        return "extension " + slice.extensionUrl + " could not be compiled";
      }
      String doubt = invariants(slice.invariants, slice.comparing, extension, slice.id);
      return doubt != null ? doubt : element(definition.get().root(), extension, null);
    }

    /** The slice a value belongs to, by the slicing's one discriminating value, or null. */
    private Rule sliceOf(Rule rule, Base item) {
      String path = rule.slicing.getDiscriminatorFirstRep().getPath();
      Base discriminating = first(item, path);
      for (Rule slice : rule.slices.values()) {
        Base expected = slice.extensionUrl != null && path.equals("url")
            ? new UriType(slice.extensionUrl) : discriminatorOf(slice, path);
        if (expected != null && discriminating != null && same(discriminating, expected)) {
          return slice;
        }
      }
      return null;
    }

    private Base discriminatorOf(Rule slice, String path) {
      Rule at = slice.children.get(path);
      if (at == null) {
        return null;
      }
      return at.fixed != null ? at.fixed : at.pattern;
    }
  }

  private static Base first(Base value, String name) {
    Property property = value.getNamedProperty(name);
    return property == null || !property.hasValues() ? null : property.getValues().get(0);
  }

  /** Whether a primitive's text is in the form these checks accept for its type (none for a type they do not know). */
  static boolean inFormat(String type, String text) {
    Pattern format = FORMATS.get(type);
    return format != null && text != null && format.matcher(text).matches();
  }

  /** Whether a system or extension URL is absolute, as the validator requires. */
  static boolean absolute(String url) {
    return SYSTEM.matcher(url).matches();
  }

  /** Whether two values are the same: equal primitives, or complex values with the same elements. */
  static boolean same(Base value, Base expected) {
    if (value.isPrimitive() || expected.isPrimitive()) {
      return value.isPrimitive() && expected.isPrimitive()
          && java.util.Objects.equals(value.primitiveValue(), expected.primitiveValue());
    }
    return holds(value, expected) && holds(expected, value);
  }

  /** Whether a value holds a pattern: every element the pattern has, with the same value. */
  static boolean holds(Base value, Base pattern) {
    if (value.isPrimitive() || pattern.isPrimitive()) {
      return same(value, pattern);
    }
    for (Property expected : pattern.children()) {
      List<Base> wanted = expected.getValues().stream().filter(v -> v != null && !v.isEmpty()).toList();
      if (wanted.isEmpty()) {
        continue;
      }
      Property actual = value.getNamedProperty(expected.getName());
      List<Base> present = actual == null ? List.of()
          : actual.getValues().stream().filter(v -> v != null && !v.isEmpty()).toList();
      for (Base one : wanted) {
        if (present.stream().noneMatch(candidate -> holds(candidate, one))) {
          return false;
        }
      }
    }
    return true;
  }

  /** The lexical forms of FHIR R4's primitive types (their definitions' regex extensions). */
  private static Map<String, Pattern> formats() {
    String year = "([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)";
    String month = "(0[1-9]|1[0-2])";
    String day = "(0[1-9]|[1-2][0-9]|3[0-1])";
    String time = "([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?";
    String zone = "(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))";
    Map<String, Pattern> formats = new HashMap<>();
    formats.put("boolean", Pattern.compile("true|false"));
    formats.put("integer", Pattern.compile("-?([0]|([1-9][0-9]*))"));
    formats.put("positiveInt", Pattern.compile("\\+?[1-9][0-9]*"));
    formats.put("unsignedInt", Pattern.compile("[0]|([1-9][0-9]*)"));
    formats.put("decimal", Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?"));
    // Text without leading or trailing white space (which the validator questions), not empty, and
    // without control characters or anything that could be taken for markup (which it checks).
    formats.put("string", Pattern.compile("[^\\s<>&\\p{Cntrl}]([^<>&\\p{Cntrl}]*[^\\s<>&\\p{Cntrl}])?"));
    formats.put("markdown", Pattern.compile("[^\\s<>&\\p{Cntrl}]([^<>&\\p{Cntrl}]*[^\\s<>&\\p{Cntrl}])?"));
    formats.put("code", Pattern.compile("[^\\s]+( [^\\s]+)*"));
    formats.put("id", FHIR_ID);
    // A UUID URN in its own form, no OID URN (the validator checks those against rules of its
    // own), and otherwise no white space, control characters or markup. A system must also be
    // absolute (see SYSTEM).
    String uri = "(?!urn:(oid|uuid):)[^\\s<>&\\p{Cntrl}]+|" + URN_UUID.pattern();
    formats.put("uri", Pattern.compile(uri));
    formats.put("url", Pattern.compile(uri));
    formats.put("canonical", Pattern.compile(uri));
        formats.put("uuid", URN_UUID);
    formats.put("date", Pattern.compile(year + "(-" + month + "(-" + day + ")?)?"));
    formats.put("dateTime", Pattern.compile(year + "(-" + month + "(-" + day + "(T" + time + zone + ")?)?)?"));
    formats.put("instant", Pattern.compile(year + "-" + month + "-" + day + "T" + time + zone));
    formats.put("time", Pattern.compile(time));
    return Map.copyOf(formats);
  }
}
