package org.passagegateway.gateway.consent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Consent enforcement ({@code passage.consent.*}).
 *
 * @param enforced whether the client's consent decides what other sites are shown (always, except
 *     to measure its cost: {@code false} is refused unless the demo network is enabled, and then
 *     a site sees whatever it is a party to and a referral needs no consent)
 * @param rememberedClients how many clients' consents a node keeps between read requests (each
 *     used only while her consent version in the database is unchanged)
 */
@ConfigurationProperties("passage.consent")
public record ConsentProperties(@DefaultValue("true") boolean enforced, @DefaultValue("100000") long rememberedClients) {}
