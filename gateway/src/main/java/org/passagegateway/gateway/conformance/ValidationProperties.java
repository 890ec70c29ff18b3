package org.passagegateway.gateway.conformance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Profile validation of writes ({@code passage.validation.*}).
 *
 * @param serverTiming whether responses report the time spent validating in a {@code
 *     Server-Timing} header; off by default, on for benchmarks
 * @param compiledProfiles whether a write the compiled profiles find surely conforming is spared
 *     HAPI's generic validator (see {@link SureConformance}); on by default, off to compare
 */
@ConfigurationProperties("passage.validation")
public record ValidationProperties(
    @DefaultValue("false") boolean serverTiming,
    @DefaultValue("true") boolean compiledProfiles) {}
