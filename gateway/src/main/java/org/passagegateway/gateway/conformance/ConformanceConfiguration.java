package org.passagegateway.gateway.conformance;

import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import java.time.Clock;
import org.passagegateway.gateway.config.ClusterLock;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.passagegateway.gateway.error.ErrorResponseWriter;
import org.passagegateway.profiles.PassagePackage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the conformance feature: CapabilityStatement identity, OpenAPI, the Passage package. */
@Configuration(proxyBeanMethods = false)
class ConformanceConfiguration {

  @Bean
  RestfulServerCustomizer conformanceCustomizer(
      ObjectProvider<BuildProperties> build, ConformanceProperties properties, ErrorResponseWriter errors) {
    String version = build.getIfAvailable() == null ? "development" : build.getIfAvailable().getVersion();
    return server -> {
      server.setServerName(PassageCapabilityStatement.SOFTWARE_NAME);
      server.setServerVersion(version);
      server.setImplementationDescription("Passage FHIR gateway");
      server.registerInterceptor(new PassageCapabilityStatement(version, properties.publisher()));
      server.registerInterceptor(new ResponseFormats(errors));
      if (properties.openApi()) {
        server.registerInterceptor(new OpenApiInterceptor());
      }
    };
  }

  @Bean
  PassagePackageInstaller passagePackageInstaller(
      IPackageInstallerSvc installer, IHapiPackageCacheManager packageCache, JdbcTemplate jdbc) {
    return new PassagePackageInstaller(PassagePackage::tarball, installer, packageCache,
        new InstalledPackages(jdbc), Clock.systemUTC(),
        new ClusterLock(jdbc.getDataSource()));
  }

  /** Installs the package before the gateway reports itself ready (and before demo data). */
  @Bean
  @Order(0)
  ApplicationRunner passagePackageInstallation(PassagePackageInstaller installer) {
    return args -> installer.installIfChanged();
  }
}
