package org.passagegateway.gateway.conformance;

import org.passagegateway.gateway.benchmark.BenchmarkProperties;
import org.passagegateway.gateway.benchmark.BenchmarkProperties.Check;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.validation.ValidationSettings;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r5.utils.validation.constants.ReferenceValidationPolicy;
import org.springframework.beans.factory.annotation.Qualifier;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import java.time.Clock;
import java.util.Optional;
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
      ObjectProvider<BuildProperties> build, ConformanceProperties properties, ValidationProperties validation,
      ErrorResponseWriter errors, IValidationSupport validationSupport) {
    String version = build.getIfAvailable() == null ? "development" : build.getIfAvailable().getVersion();
    return server -> {
      server.setServerName(PassageCapabilityStatement.SOFTWARE_NAME);
      server.setServerVersion(version);
      server.setImplementationDescription("Passage FHIR gateway");
      server.registerInterceptor(new PassageCapabilityStatement(version, properties.publisher()));
      server.registerInterceptor(new ResponseFormats(errors));
      server.registerInterceptor(new ValidateRequests(server.getFhirContext(), validationSupport));
      server.registerInterceptor(new WriteWarnings());
      if (validation.serverTiming()) {
        server.registerInterceptor(new ValidationTiming());
      }
      if (properties.openApi()) {
        server.registerInterceptor(new OpenApiInterceptor());
      }
    };
  }

  @Bean
  ProfileValidator profileValidator(
      FhirContext fhirContext,
      @Qualifier("myInstanceValidator") IInstanceValidatorModule instanceValidator,
      ValidationSettings validationSettings, IValidationSupport validationSupport, DaoRegistry daos,
      WorkerContextValidationSupportAdapter workerContext, ValidationProperties validation) {
    // A literal reference must point at a resource of an allowed type (Task.owner at an
    // Organization, not a Patient); HAPI's default ignores local references altogether.
    validationSettings.setLocalReferenceValidationDefaultPolicy(ReferenceValidationPolicy.CHECK_TYPE_IF_EXISTS);
    // A write is always checked against its Passage profile; another profile the client declares
    // in meta.profile and the gateway does not know (say, IPS) is reported as a warning, not a
    // refusal. $validate still fails for a profile named in its own parameter (HAPI's rule).
    if (instanceValidator instanceof FhirInstanceValidator fhirInstanceValidator) {
      fhirInstanceValidator.setErrorForUnknownProfiles(false);
      // The same validator serves writes and $validate: it never reads client data.
      fhirInstanceValidator.setValidatorResourceFetcher(
          new DirectoryOnlyFetcher(fhirContext, validationSupport, daos, workerContext));
    }
    return new ProfileValidator(fhirContext, instanceValidator,
        validation.compiledProfiles() ? Optional.of(new SureConformance(fhirContext, validationSupport)) : Optional.empty());
  }

  /**
   * Registered with JPA's interceptor service, not the REST server's, so that it sees every write:
   * REST, transactions and the gateway's own.
   */
  @Bean
  ProfileEnforcementInterceptor profileEnforcement(
      ProfileValidator validator, BenchmarkProperties benchmark, IInterceptorService interceptors) {
    ProfileEnforcementInterceptor interceptor = new ProfileEnforcementInterceptor(validator);
    if (benchmark.on(Check.PROFILES)) {
      interceptors.registerInterceptor(interceptor);
    }
    return interceptor;
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
