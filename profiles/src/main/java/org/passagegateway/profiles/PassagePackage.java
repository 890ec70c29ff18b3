package org.passagegateway.profiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The {@code passage.fhir} FHIR NPM package built by this module, as it is on the classpath.
 *
 * @see <a href="https://confluence.hl7.org/display/FHIR/NPM+Package+Specification">FHIR NPM
 *     package specification</a>
 */
public final class PassagePackage {

  /** The package id of the Passage implementation guide. */
  public static final String PACKAGE_ID = "passage.fhir";

  /** Where the packed tarball lives on the classpath. */
  public static final String CLASSPATH_LOCATION = "passage/package/passage.fhir.tgz";

  private PassagePackage() {}

  /** The bytes of the package tarball (.tgz). */
  public static byte[] tarball() {
    try (InputStream in =
        PassagePackage.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
      if (in == null) {
        throw new IllegalStateException(
            "The FHIR package " + CLASSPATH_LOCATION + " is not on the classpath; build profiles/");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
