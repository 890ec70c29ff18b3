package org.passagegateway.gateway.error;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on incoming HTTP requests ({@code passage.http.*}).
 *
 * @param maxRequestBody the largest request body accepted; larger ones get a 413 before any of
 *     them is parsed or stored
 */
@ConfigurationProperties("passage.http")
public record HttpLimitsProperties(@DefaultValue("5MB") DataSize maxRequestBody) {}
