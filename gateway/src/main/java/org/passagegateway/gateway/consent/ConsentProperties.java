package org.passagegateway.gateway.consent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Consent enforcement ({@code passage.consent.*}).
 *
 * @param rememberedClients how many clients' consents a node keeps between read requests (each
 *     used only while her consent version in the database is unchanged)
 */
@ConfigurationProperties("passage.consent")
public record ConsentProperties(@DefaultValue("100000") long rememberedClients) {}
