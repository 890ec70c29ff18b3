package org.passagegateway.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.config.ClusterLock;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.profiles.PassagePackage;
import org.passagegateway.terminology.PassageTerminology;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A rebuilt package of the same version (a snapshot, or a patched release) replaces what is
 * installed; the same build again changes nothing.
 */
class PackageUpgradeTest extends H2GatewayTest {

  @Autowired IPackageInstallerSvc installerSvc;
  @Autowired IHapiPackageCacheManager packageCache;
  @Autowired JdbcTemplate jdbc;

  @Test
  void whenTheSameVersionIsRebuiltWithOtherContentThenTheNewContentIsInstalledOnce() throws IOException {
    byte[] original = PassagePackage.tarball();
    byte[] rebuilt = withSiteTypeTitle(original, "Passage site types (rebuilt)");
    try {
      assertThat(installer(rebuilt).installIfChanged()).isTrue();
      assertThat(siteTypes().getTitle()).isEqualTo("Passage site types (rebuilt)");
      assertThat(installer(rebuilt).installIfChanged()).as("same build again").isFalse();
    } finally {
      assertThat(installer(original).installIfChanged()).isTrue();
    }
    assertThat(siteTypes().getTitle()).isEqualTo("Passage site types");
  }

  private PassagePackageInstaller installer(byte[] tarball) {
    return new PassagePackageInstaller(() -> tarball, installerSvc, packageCache, new InstalledPackages(jdbc),
        Clock.systemUTC(), new ClusterLock(jdbc.getDataSource()));
  }

  private CodeSystem siteTypes() {
    Bundle found = fhir().search().forResource(CodeSystem.class)
        .where(CodeSystem.URL.matches().value(PassageTerminology.SITE_TYPE))
        .returnBundle(Bundle.class).execute();
    assertThat(found.getEntry()).hasSize(1);
    return (CodeSystem) found.getEntryFirstRep().getResource();
  }

  /** The same package with another title in the site-type CodeSystem. */
  private static byte[] withSiteTypeTitle(byte[] tarball, String title) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tarball)));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        byte[] content = in.readAllBytes();
        if (entry.getName().endsWith("CodeSystem-passage-site-type.json")) {
          content = new String(content, StandardCharsets.UTF_8)
              .replace("\"title\": \"Passage site types\"", "\"title\": \"" + title + "\"")
              .getBytes(StandardCharsets.UTF_8);
        }
        TarArchiveEntry copy = new TarArchiveEntry(entry.getName());
        copy.setSize(content.length);
        tar.putArchiveEntry(copy);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }
}
