package org.passagegateway.gateway.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.passagegateway.terminology.PassageTerminology;

/**
 * A service's capacity as its HealthcareService carries it ({@code passage-capacity}): what the
 * site published and what the gateway adds when it shows it.
 */
record Capacity(String status, Integer available, Integer maximum, String unit, Instant updated,
    org.hl7.fhir.r4.model.Duration refreshInterval, Instant freshUntil) {

  static final String URL = PassageTerminology.CANONICAL_BASE + "/StructureDefinition/passage-capacity";
  static final String STALE = "stale";
  static final String CAPACITY = "capacity";
  static final String NO_CAPACITY = "no-capacity";
  static final String WAITLIST = "waitlist";

  static Optional<Capacity> of(HealthcareService service) {
    Extension capacity = service.getExtensionByUrl(URL);
    if (capacity == null) {
      return Optional.empty();
    }
    return Optional.of(new Capacity(code(capacity, "status"), integer(capacity, "available"), integer(capacity, "maximum"),
        code(capacity, "unit"), instant(capacity, "updated"),
        capacity.getExtensionByUrl("refreshInterval") == null ? null
            : (org.hl7.fhir.r4.model.Duration) capacity.getExtensionByUrl("refreshInterval").getValue(),
        instant(capacity, "freshUntil")));
  }

  /** Whether what the site last said is no longer current at {@code now}. */
  boolean staleAt(Instant now) {
    return freshUntil != null && !freshUntil.isAfter(now);
  }

  /** Puts this capacity on the service in place of what it carried. */
  void writeTo(HealthcareService service, Integer held) {
    service.getExtension().removeIf(extension -> URL.equals(extension.getUrl()));
    Extension capacity = service.addExtension().setUrl(URL);
    capacity.addExtension("status", new CodeType(status));
    if (available != null) {
      capacity.addExtension("available", new UnsignedIntType(available));
    }
    if (maximum != null) {
      capacity.addExtension("maximum", new UnsignedIntType(maximum));
    }
    if (unit != null) {
      capacity.addExtension("unit", new CodeType(unit));
    }
    capacity.addExtension("updated", new DateTimeType(Date.from(updated)));
    if (refreshInterval != null) {
      capacity.addExtension("refreshInterval", refreshInterval.copy());
    }
    if (freshUntil != null) {
      capacity.addExtension("freshUntil", new DateTimeType(Date.from(freshUntil)));
    }
    if (held != null) {
      capacity.addExtension("held", new UnsignedIntType(held));
    }
  }

  /** The refresh interval as a duration, if the site declared one in a unit of time. */
  static Optional<Duration> interval(org.hl7.fhir.r4.model.Duration declared) {
    if (declared == null || !declared.hasValue() || declared.getValue().signum() <= 0) {
      return Optional.empty();
    }
    double value = declared.getValue().doubleValue();
    String unit = declared.hasCode() ? declared.getCode() : "";
    long seconds = switch (unit) {
      case "min" -> Math.round(value * 60);
      case "h" -> Math.round(value * 3600);
      case "d" -> Math.round(value * 86400);
      case "wk" -> Math.round(value * 7 * 86400);
      default -> -1;
    };
    return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
  }

  private static String code(Extension capacity, String part) {
    Extension value = capacity.getExtensionByUrl(part);
    return value == null || value.getValue() == null ? null : value.getValue().primitiveValue();
  }

  private static Integer integer(Extension capacity, String part) {
    Extension value = capacity.getExtensionByUrl(part);
    return value == null || !(value.getValue() instanceof UnsignedIntType number) ? null : number.getValue();
  }

  private static Instant instant(Extension capacity, String part) {
    Extension value = capacity.getExtensionByUrl(part);
    return value == null || !(value.getValue() instanceof DateTimeType time) || time.getValue() == null ? null
        : time.getValue().toInstant();
  }
}
