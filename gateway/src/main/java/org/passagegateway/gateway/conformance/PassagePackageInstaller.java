package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.passagegateway.gateway.config.ClusterLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the {@code passage.fhir} package built by {@code profiles/} (or any FHIR package the
 * supplier gives) into the JPA server at start-up, so its conformance and terminology resources are served and used.
 *
 * <p>HAPI keeps a package version once cached, so a rebuilt package of the same version (a
 * snapshot) would be ignored; the installer therefore remembers the content hash it installed
 * and replaces the cached version when the content differs, and does nothing when it is the same.
 */
public final class PassagePackageInstaller {

  /**
   * Resource types the package contributes to the server, in installation order: the guide
   * last, because it references the others.
   */
  static final List<String> INSTALLED_TYPES = List.of(
      "NamingSystem", "CodeSystem", "ValueSet", "ConceptMap", "StructureDefinition",
      "SearchParameter", "Measure", "ImplementationGuide");

  static final String LOCK_NAME = "fhir-package-install";
  private static final Logger log = LoggerFactory.getLogger(PassagePackageInstaller.class);

  private final IPackageInstallerSvc installer;
  private final IHapiPackageCacheManager packageCache;
  private final InstalledPackages installed;
  private final Clock clock;
  private final ClusterLock lock;
  private final Supplier<byte[]> tarball;

  PassagePackageInstaller(
      Supplier<byte[]> tarball,
      IPackageInstallerSvc installer,
      IHapiPackageCacheManager packageCache,
      InstalledPackages installed,
      Clock clock,
      ClusterLock lock) {
    this.tarball = tarball;
    this.lock = lock;
    this.installer = installer;
    this.packageCache = packageCache;
    this.installed = installed;
    this.clock = clock;
  }

  /**
   * Installs the package unless this exact build is installed already; true if it installed.
   * Nodes starting together take turns, so the package is installed once.
   */
  public boolean installIfChanged() {
    return lock.run(LOCK_NAME, this::installUnlessCurrent);
  }

  private boolean installUnlessCurrent() {
    byte[] tarball = this.tarball.get();
    NpmPackage npm = read(tarball);
    String id = npm.name();
    String version = npm.version();
    String hash = sha256(tarball);
    var previous = installed.contentHash(id, version);
    if (previous.filter(hash::equals).isPresent()) {
      log.info("FHIR package {}#{} is up to date", id, version);
      return false;
    }
    if (previous.isPresent()) {
      uninstallCached(id, version);
    }
    PackageInstallationSpec spec = new PackageInstallationSpec()
        .setName(id)
        .setVersion(version)
        .setPackageContents(tarball)
        .setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL)
        .setFetchDependencies(false)
        // One version of each canonical resource, under the id it has in the package (the
        // guide's references rely on those ids); a changed build replaces what is there.
        .setVersionPolicy(PackageInstallationSpec.VersionPolicyEnum.SINGLE_VERSION);
    spec.setInstallResourceTypes(INSTALLED_TYPES);
    spec.setReloadExisting(true);
    installer.install(spec);
    installed.record(id, version, hash, clock.instant());
    log.info("Installed FHIR package {}#{}", id, version);
    return true;
  }

  private void uninstallCached(String id, String version) {
    try {
      packageCache.uninstallPackage(id, version);
    } catch (RuntimeException e) {
      log.warn("Could not remove the cached FHIR package {}#{} ({}); installing over it", id, version,
          e.getClass().getSimpleName());
    }
  }

  private static NpmPackage read(byte[] tarball) {
    try {
      return NpmPackage.fromPackage(new ByteArrayInputStream(tarball));
    } catch (IOException e) {
      throw new UncheckedIOException("The passage.fhir package cannot be read", e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
