package org.passagegateway.gateway.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.ElementDefinition.ConstraintSeverity;
import org.hl7.fhir.r4.model.ElementDefinition.DiscriminatorType;
import org.hl7.fhir.r4.model.ElementDefinition.ElementDefinitionSlicingComponent;
import org.hl7.fhir.r4.model.ElementDefinition.SlicingRules;
import org.hl7.fhir.r4.model.ElementDefinition.TypeRefComponent;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * One profile's snapshot compiled into a tree of element rules, each a plain check on the
 * resource as parsed: cardinality, types, fixed and pattern values, bindings, reference targets,
 * slices (by value) and invariants (FHIRPath, parsed once). {@link SureConformance} walks a
 * resource through it.
 *
 * <p>A rule it cannot express (a discriminator other than a value, a type slice, an invariant
 * that does not parse) marks its element as not covered: a resource that has that element is left
 * to the generic validator.
 */
final class CompiledProfile {

  /** The compiled rules of one element of the snapshot (or of one slice of it). */
  static final class Rule {
    final String id;
    final int min;
    final int max;
    final List<String> types;
    /** Resource types a reference may point at (from the target profiles), empty for any. */
    final List<String> targetTypes = new ArrayList<>();
    final Base fixed;
    final Base pattern;
    final String valueSet;
    final boolean requiredBinding;
    /** An example binding, whose codes the validator does not check against a system it does not know. */
    final boolean exampleBinding;
    final Integer maxLength;
    final List<ExpressionNode> invariants = new ArrayList<>();
    /** Whether an invariant compares values (whose dates the validator compares by its own rules). */
    boolean comparing;
    final Map<String, Rule> children = new LinkedHashMap<>();
    /** Slices of this element, by name; slicing set when the element is sliced. */
    final Map<String, Rule> slices = new LinkedHashMap<>();
    ElementDefinitionSlicingComponent slicing;
    /** For an extension slice: the canonical URL of the extension it holds. */
    String extensionUrl;
    /** Why this element cannot be checked here, or null. */
    String notCovered;

    Rule(ElementDefinition definition) {
      this.id = definition.getId();
      this.min = definition.getMin();
      this.max = "*".equals(definition.getMax()) ? Integer.MAX_VALUE : Integer.parseInt(definition.getMax());
      this.types = definition.getType().stream().map(TypeRefComponent::getWorkingCode).toList();
      this.fixed = definition.hasFixed() ? definition.getFixed() : null;
      this.pattern = definition.hasPattern() ? definition.getPattern() : null;
      this.valueSet = definition.hasBinding() && definition.getBinding().hasValueSet()
          ? withoutVersion(definition.getBinding().getValueSet()) : null;
      this.requiredBinding = definition.hasBinding() && definition.getBinding().getStrength() == BindingStrength.REQUIRED;
      this.exampleBinding = definition.hasBinding() && definition.getBinding().getStrength() == BindingStrength.EXAMPLE;
      this.maxLength = definition.hasMaxLength() ? definition.getMaxLength() : null;
    }

    boolean sliced() {
      return slicing != null;
    }
  }

  private final String url;
  private final String type;
  private final Rule root;

  private CompiledProfile(String url, String type, Rule root) {
    this.url = url;
    this.type = type;
    this.root = root;
  }

  String url() {
    return url;
  }

  String type() {
    return type;
  }

  Rule root() {
    return root;
  }

  /**
   * Compiles a snapshot. Target profiles are turned into the resource types they constrain with
   * {@code typeOfProfile}; an unknown one leaves the reference not covered.
   */
  static CompiledProfile compile(StructureDefinition profile, FHIRPathEngine fhirPath,
      java.util.function.Function<String, Optional<String>> typeOfProfile) {
    Map<String, Rule> byId = new LinkedHashMap<>();
    Rule root = null;
    for (ElementDefinition element : profile.getSnapshot().getElement()) {
      Rule rule = new Rule(element);
      compileDetails(rule, element, fhirPath, typeOfProfile);
      byId.put(element.getId(), rule);
      String id = element.getId();
      int dot = lastDotOutsideSlice(id);
      if (dot < 0) {
        root = rule;
        continue;
      }
      String parentId = id.substring(0, dot);
      String last = id.substring(dot + 1);
      Rule parent = byId.get(parentId);
      int colon = last.indexOf(':');
      if (parent == null) {
        // A type slice's shortcut id (valueCodeableConcept) or an element out of order.
        notCoveredAbove(byId, parentId, "element " + id + " has no parent in the snapshot");
        continue;
      }
      if (colon < 0) {
        if (!last.equals(element.getPath().substring(element.getPath().lastIndexOf('.') + 1))) {
          parent.notCovered = "renamed element " + id;
        }
        parent.children.put(last, rule);
      } else {
        Rule sliced = parent.children.get(last.substring(0, colon));
        if (sliced == null || !element.hasSliceName() || last.substring(colon + 1).contains("/")) {
          parent.notCovered = "slice " + id + " without its sliced element";
          continue;
        }
        sliced.slices.put(element.getSliceName(), rule);
      }
    }
    if (root == null) {
      throw new IllegalStateException("snapshot without a root element: " + profile.getUrl());
    }
    return new CompiledProfile(withoutVersion(profile.getUrl()), profile.getType(), root);
  }

  private static void compileDetails(Rule rule, ElementDefinition element, FHIRPathEngine fhirPath,
      java.util.function.Function<String, Optional<String>> typeOfProfile) {
    if (element.hasSlicing()) {
      ElementDefinitionSlicingComponent slicing = element.getSlicing();
      rule.slicing = slicing;
      boolean byValue = slicing.getDiscriminator().size() == 1
          && (slicing.getDiscriminatorFirstRep().getType() == DiscriminatorType.VALUE
              || slicing.getDiscriminatorFirstRep().getType() == DiscriminatorType.PATTERN)
          && slicing.getDiscriminatorFirstRep().getPath().matches("[a-zA-Z]+");
      if (!byValue || slicing.getRules() == SlicingRules.OPENATEND) {
        rule.notCovered = "slicing of " + element.getId() + " other than by one value";
      }
    }
    for (TypeRefComponent type : element.getType()) {
      if ("Extension".equals(type.getWorkingCode()) && type.hasProfile()) {
        if (type.getProfile().size() != 1) {
          rule.notCovered = "extension of several profiles";
        } else {
          rule.extensionUrl = withoutVersion(type.getProfile().get(0).getValue());
        }
      } else if (type.hasProfile()) {
        rule.notCovered = "a type constrained to a profile at " + element.getId();
      }
      if (type.hasAggregation()) {
        rule.notCovered = "aggregation rules at " + element.getId();
      }
      for (var target : type.getTargetProfile()) {
        Optional<String> targetType = typeOfProfile.apply(withoutVersion(target.getValue()));
        if (targetType.isEmpty()) {
          rule.notCovered = "an unknown target profile at " + element.getId();
        } else if (!rule.targetTypes.contains(targetType.get())) {
          rule.targetTypes.add(targetType.get());
        }
      }
    }
    for (ElementDefinition.ElementDefinitionConstraintComponent constraint : element.getConstraint()) {
      // The errors refuse a write; a Passage invariant's warning reaches the client. Other warnings
      // (the core's advice on style) change no answer the gateway gives.
      boolean counts = constraint.getSeverity() == ConstraintSeverity.ERROR
          || constraint.getKey().startsWith("passage-");
      if (!counts) {
        continue;
      }
      if (!constraint.hasExpression()) {
        rule.notCovered = "an invariant without an expression at " + element.getId();
        continue;
      }
      try {
        rule.invariants.add(fhirPath.parse(constraint.getExpression()));
        rule.comparing |= constraint.getExpression().matches("(?s).*[<>].*");
      } catch (RuntimeException unparsed) {
        rule.notCovered = "invariant " + constraint.getKey() + " does not parse";
      }
    }
  }

  /** The last '.' of an element id that separates it from its parent (never one inside a slice name). */
  private static int lastDotOutsideSlice(String id) {
    int colon = id.lastIndexOf(':');
    int dot = id.lastIndexOf('.');
    if (colon > dot) {
      // A slice name may hold dots only in re-slicing (a/b), which is not covered anyway.
      return id.lastIndexOf('.', colon);
    }
    return dot;
  }

  private static void notCoveredAbove(Map<String, Rule> byId, String id, String reason) {
    for (String candidate = id; !candidate.isEmpty(); ) {
      Rule rule = byId.get(candidate);
      if (rule != null) {
        rule.notCovered = reason;
        return;
      }
      int dot = lastDotOutsideSlice(candidate);
      candidate = dot < 0 ? "" : candidate.substring(0, dot);
    }
  }

  static String withoutVersion(String canonical) {
    int bar = canonical.indexOf('|');
    return bar < 0 ? canonical : canonical.substring(0, bar);
  }
}
