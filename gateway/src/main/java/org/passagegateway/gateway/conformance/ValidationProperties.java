package org.passagegateway.gateway.conformance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Profile validation of writes ({@code passage.validation.*}).
 *
 * @param enforceProfiles whether every write of a profiled type is validated against its Passage
 *     profile and refused when it does not conform. On by default; off only for measuring what
 *     validation costs (bench/validation.sh).
 * @param serverTiming whether responses report the time spent validating in a {@code
 *     Server-Timing} header; off by default, on for benchmarks
 */
@ConfigurationProperties("passage.validation")
public record ValidationProperties(
    @DefaultValue("true") boolean enforceProfiles, @DefaultValue("false") boolean serverTiming) {}
