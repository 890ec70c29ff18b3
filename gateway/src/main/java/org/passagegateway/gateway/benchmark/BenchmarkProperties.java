package org.passagegateway.gateway.benchmark;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one setting that switches Passage's own checks off ({@code passage.benchmark.*}), to measure
 * what each costs: for example {@code --passage.benchmark.checks-off=consent,audit}. Every check is
 * on unless named here, and the gateway refuses to start with any check off unless the demo network
 * is loaded on the embedded database (H2): never against a database that could hold real clients.
 *
 * @param checksOff the checks switched off; none by default
 */
@ConfigurationProperties("passage.benchmark")
public record BenchmarkProperties(@DefaultValue Set<Check> checksOff) {

  /** A check of Passage's that a benchmark may switch off. */
  public enum Check {
    /** Tokens, scopes, roles and the site boundary on the FHIR API (off: every FHIR request is served). */
    ACCESS_CONTROL,
    /** The client's consent deciding what other sites see (off: a site sees whatever it is a party to). */
    CONSENT,
    /** The referral workflow's rules on every Task write. */
    WORKFLOW,
    /** The audit log (off: no event is written). */
    AUDIT,
    /** Validation of every write against its Passage profile. */
    PROFILES,
    /** A client's network pseudonym must be one the gateway issued. */
    IDENTITY
  }

  public BenchmarkProperties {
    checksOff = Set.copyOf(checksOff);
  }

  /** Whether the check runs (every check does, unless a benchmark switched it off). */
  public boolean on(Check check) {
    return !checksOff.contains(check);
  }
}
