package org.passagegateway.gateway.indicators;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Referral indicators ({@code passage.indicators.*}).
 *
 * @param smallCellThreshold every count from 1 to this is withheld from a report, with every count
 *     it could be derived from (10 by default, the usual rule for health statistics on small groups)
 * @param keepReports whether each report evaluated is also stored, for auditors to read again
 *     ({@code MeasureReport/[id]}, {@code MeasureReport?measure=}), as released
 */
@Validated
@ConfigurationProperties("passage.indicators")
public record IndicatorProperties(
    @DefaultValue("10") @Min(1) int smallCellThreshold,
    @DefaultValue("true") boolean keepReports) {}
