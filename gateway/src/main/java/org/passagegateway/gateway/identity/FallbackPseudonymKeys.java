package org.passagegateway.gateway.identity;

/**
 * Keys to derive pseudonyms with when none are configured: the demo network provides its own, so
 * that its clients keep their pseudonyms across restarts. Outside the demo no fallback exists and
 * the gateway refuses to start without configured keys.
 */
@FunctionalInterface
public interface FallbackPseudonymKeys {

  PseudonymKeys keys();
}
