package org.passagegateway.profiles.build;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Writes the FHIR NPM package {@code hl7.fhir.r4.core#4.0.1}, which SUSHI needs and no reachable
 * registry serves, from the R4 definitions HAPI ships in {@code hapi-fhir-validation-resources-r4}.
 *
 * <p>A build tool, not part of the gateway: {@code profiles/fsh/sushi-build} runs it once per
 * machine. Usage: {@code R4CorePackageWriter <packages folder>} (normally {@code ~/.fhir/packages}).
 */
public final class R4CorePackageWriter {

  private static final String BASE = "/org/hl7/fhir/r4/model/";
  private static final List<String> XML_BUNDLES = List.of(
      "profile/profiles-resources.xml", "profile/profiles-types.xml", "profile/profiles-others.xml",
      "extension/extension-definitions.xml",
      "valueset/valuesets.xml", "valueset/v3-codesystems.xml", "valueset/v2-tables.xml");
  private static final String SEARCH_PARAMETERS = "sp/search-parameters.json";

  private final FhirContext fhir = FhirContext.forR4Cached();
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: R4CorePackageWriter <packages folder>");
    }
    Path folder = Path.of(args[0]).resolve("hl7.fhir.r4.core#4.0.1").resolve("package");
    int written = new R4CorePackageWriter().write(folder);
    System.out.println("hl7.fhir.r4.core#4.0.1: " + written + " resources in " + folder);
  }

  int write(Path folder) throws IOException {
    Files.createDirectories(folder);
    IParser writer = fhir.newJsonParser();
    List<Map<String, Object>> index = new ArrayList<>();
    for (Resource resource : resources()) {
      String fileName = resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
      Files.writeString(folder.resolve(fileName), writer.encodeResourceToString(resource), StandardCharsets.UTF_8);
      index.add(indexEntry(fileName, resource));
    }
    json.writeValue(folder.resolve(".index.json").toFile(), Map.of("index-version", 1, "files", index));
    json.writeValue(folder.resolve("package.json").toFile(), manifest());
    return index.size();
  }

  private List<Resource> resources() throws IOException {
    List<Resource> resources = new ArrayList<>();
    for (String bundle : XML_BUNDLES) {
      resources.addAll(entries(fhir.newXmlParser(), bundle));
    }
    resources.addAll(entries(fhir.newJsonParser(), SEARCH_PARAMETERS));
    return resources;
  }

  private List<Resource> entries(IParser parser, String path) throws IOException {
    try (InputStream in = R4CorePackageWriter.class.getResourceAsStream(BASE + path)) {
      if (in == null) {
        throw new IOException("not on the class path: " + BASE + path);
      }
      IBaseResource parsed = parser.parseResource(new InputStreamReader(in, StandardCharsets.UTF_8));
      return ((Bundle) parsed).getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
    }
  }

  private static Map<String, Object> indexEntry(String fileName, Resource resource) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("filename", fileName);
    entry.put("resourceType", resource.fhirType());
    entry.put("id", resource.getIdElement().getIdPart());
    if (resource instanceof MetadataResource metadata) {
      entry.put("url", metadata.getUrl());
      entry.put("version", metadata.getVersion());
    }
    if (resource instanceof StructureDefinition definition) {
      entry.put("kind", definition.getKind().toCode());
      entry.put("type", definition.getType());
    }
    return entry;
  }

  private static Map<String, Object> manifest() {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", "hl7.fhir.r4.core");
    manifest.put("version", "4.0.1");
    manifest.put("type", "Core");
    manifest.put("fhirVersions", List.of("4.0.1"));
    manifest.put("canonical", "http://hl7.org/fhir");
    manifest.put("url", "http://hl7.org/fhir/R4");
    manifest.put("description", "FHIR R4 core definitions, rebuilt offline from ca.uhn.hapi.fhir:hapi-fhir-validation-resources-r4");
    manifest.put("dependencies", Map.of());
    return manifest;
  }
}
