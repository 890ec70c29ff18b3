package org.passagegateway.gateway.conformance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway presents itself ({@code passage.conformance.*}).
 *
 * @param publisher the CapabilityStatement's publisher
 * @param openApi whether {@code /fhir/api-docs} and the Swagger UI at {@code /fhir/swagger-ui/}
 *     are served for integration engineers
 */
@ConfigurationProperties("passage.conformance")
public record ConformanceProperties(
    @DefaultValue("Passage") String publisher, @DefaultValue("true") boolean openApi) {}
