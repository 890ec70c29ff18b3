package org.passagegateway.gateway.conformance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.passagegateway.profiles.PassagePackage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Serves the {@code passage.fhir} package the way a FHIR package registry does (the npm registry
 * API that FHIR package tools use): {@code GET /packages/passage.fhir} lists its version, {@code
 * GET /packages/passage.fhir/{version}} downloads the tarball. So an integration engineer can
 * point SUSHI, the IG publisher or a validator at the gateway and validate offline.
 *
 * @see <a href="https://confluence.hl7.org/display/FHIR/NPM+Package+Specification">FHIR NPM packages</a>
 */
@RestController
class PackageRegistryController {


  static final MediaType TARBALL = MediaType.parseMediaType("application/tar+gzip");

  private final byte[] tarball;
  private final String name;
  private final String version;
  private final String description;
  private final String sha1;

  PackageRegistryController() {
    this(PassagePackage.tarball());
  }

  PackageRegistryController(byte[] tarball) {
    this.tarball = tarball.clone();
    try {
      NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(tarball));
      this.name = npm.name();
      this.version = npm.version();
      this.description = npm.description();
      this.sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(tarball));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @GetMapping(path = "/packages/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> manifest(@PathVariable String name) {
    requireKnown(name, version);
    String tarballUrl = ServletUriComponentsBuilder.fromCurrentContextPath()
        .pathSegment("packages", this.name, version).toUriString();
    Map<String, Object> release = new LinkedHashMap<>();
    release.put("name", this.name);
    release.put("version", version);
    release.put("description", description);
    release.put("fhirVersion", "R4");
    release.put("url", tarballUrl);
    release.put("dist", Map.of("shasum", sha1, "tarball", tarballUrl));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("_id", this.name);
    manifest.put("name", this.name);
    manifest.put("description", description);
    manifest.put("dist-tags", Map.of("latest", version));
    manifest.put("versions", Map.of(version, release));
    return manifest;
  }

  @GetMapping(path = "/packages/{name}/{version}")
  ResponseEntity<byte[]> download(@PathVariable String name, @PathVariable String version) {
    requireKnown(name, version);
    return ResponseEntity.ok()
        .contentType(TARBALL)
        .header("Content-Disposition", "attachment; filename=\"" + this.name + "-" + this.version + ".tgz\"")
        .body(tarball);
  }

  private void requireKnown(String name, String version) {
    if (!this.name.equals(name) || !this.version.equals(version)) {
      // Answered by the error controller as PASSAGE-1006, like any unknown address.
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
  }
}
