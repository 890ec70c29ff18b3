package org.passagegateway.gateway.support;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.passagegateway.profiles.PassagePackage;

/** The examples of the passage.fhir package (its {@code example} folder), as fresh copies. */
public final class PackageExamples {

  private static final List<Resource> EXAMPLES = read();

  private PackageExamples() {}

  /** Fresh copies of every example, so a test may change what it gets. */
  public static List<Resource> all() {
    return EXAMPLES.stream().map(Resource::copy).toList();
  }

  private static List<Resource> read() {
    try {
      NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(PassagePackage.tarball()));
      List<Resource> examples = new ArrayList<>();
      for (String file : npm.list("example")) {
        if (file.endsWith(".json") && !file.startsWith(".")) {
          examples.add((Resource) FhirContext.forR4Cached().newJsonParser().parseResource(npm.load("example", file)));
        }
      }
      return List.copyOf(examples);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh copy of the example {@code Type/id}. */
  @SuppressWarnings("unchecked")
  public static <T extends Resource> T get(String typeAndId) {
    return (T) EXAMPLES.stream()
        .filter(r -> (r.fhirType() + "/" + r.getIdElement().getIdPart()).equals(typeAndId))
        .findFirst().map(Resource::copy).orElseThrow(() -> new IllegalArgumentException("no example " + typeAndId));
  }
}
