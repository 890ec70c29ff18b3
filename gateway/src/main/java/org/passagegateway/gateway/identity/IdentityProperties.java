package org.passagegateway.gateway.identity;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Network identity ({@code passage.identity.*}): how a woman's unique identifier code is made and
 * the keys her network pseudonym is derived with.
 *
 * @param keys the pseudonym keys by epoch (each a file of at least 32 bytes in Base64 or PEM; make
 *     one with {@code openssl rand -base64 32}); the highest epoch issues, the others are kept so
 *     that earlier pseudonyms stay linked. Required, except for the demo network.
 * @param uic the network's UIC, part by part; by default the first two letters of her mother's
 *     given name and of her own, her sex, her birth year and her birth month
 * @param derivationsPerHour how many pseudonyms one client may derive in an hour on one node (a
 *     site deriving far beyond its caseload is throttled and its client logged)
 * @param confirmLinkingFrom from how many other women expected to share a UIC on, records of one
 *     pseudonym are linked only when they carry the same second factor (0: always)
 */
@ConfigurationProperties("passage.identity")
public record IdentityProperties(
    @DefaultValue List<Key> keys,
    @DefaultValue List<UicPart> uic,
    @DefaultValue("600") int derivationsPerHour,
    @DefaultValue("0.05") double confirmLinkingFrom) {

  /** The network's UIC unless configured otherwise. */
  static final List<UicPart> DEFAULT_UIC = List.of(
      new UicPart("mother-given-name", UicPart.Kind.LETTERS, 2, "99"),
      new UicPart("given-name", UicPart.Kind.LETTERS, 2, "99"),
      new UicPart("sex", UicPart.Kind.SEX, 1, "9"),
      new UicPart("birth-year", UicPart.Kind.YEAR, 4, "9999"),
      new UicPart("birth-month", UicPart.Kind.MONTH, 2, "99"));

  /** A key and the epoch it issues in. */
  public record Key(int epoch, Path file) {}

  public IdentityProperties {
    uic = uic.isEmpty() ? DEFAULT_UIC : List.copyOf(uic);
    keys = List.copyOf(keys);
    if (confirmLinkingFrom < 0) {
      throw new IllegalArgumentException("passage.identity.confirm-linking-from is at least 0");
    }
    if (derivationsPerHour < 1) {
      throw new IllegalArgumentException("passage.identity.derivations-per-hour is at least 1");
    }
  }

  /** The UIC's parts as configured (or the default). */
  public List<UicPart> uicParts() {
    return uic;
  }
}
