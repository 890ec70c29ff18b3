package org.passagegateway.gateway.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo network ({@code passage.demo.*}).
 *
 * @param enabled load the synthetic demo network at start-up; off unless turned on
 */
@ConfigurationProperties("passage.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled) {}
