package org.passagegateway.gateway.referral;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The referral workflow ({@code passage.referral.*}).
 *
 * @param enforceWorkflow whether the workflow's rules apply to every Task write (always, except to
 *     measure their cost: {@code false} is refused unless the demo network is enabled)
 */
@ConfigurationProperties("passage.referral")
public record ReferralProperties(@DefaultValue("true") boolean enforceWorkflow) {}
