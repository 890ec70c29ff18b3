package org.passagegateway.gateway.config;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.ETagSupportEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HAPI's RESTful server at {@code /fhir}: the JPA resource providers of the registered types,
 * transaction and batch at the base, HAPI's JPA CapabilityStatement, and
 * whatever the features add through {@link RestfulServerCustomizer}s.
 */
@Configuration(proxyBeanMethods = false)
class FhirServerConfiguration {

  static final String FHIR_PATH = "/fhir";

  @Bean
  RestfulServer fhirRestfulServer(
      FhirContext fhirContext,
      FhirProperties properties,
      ResourceProviderFactory resourceProviders,
      IFhirSystemDao<Bundle, Meta> systemDao,
      JpaStorageSettings storageSettings,
      ISearchParamRegistry searchParamRegistry,
      IValidationSupport validationSupport,
      DatabaseBackedPagingProvider pagingProvider,
      ValueSetOperationProvider valueSetOperations,
      ObjectProvider<RestfulServerCustomizer> customizers) {
    // Unknown elements and malformed values are refused, never silently dropped.
    fhirContext.setParserErrorHandler(new StrictErrorHandler());
    RestfulServer server = new RestfulServer(fhirContext);
    server.registerProviders(resourceProviders.createProviders());
    server.registerProvider(new TransactionProvider(systemDao));
    // ValueSet $expand and $validate-code live in their own provider since HAPI 6.
    server.registerProvider(valueSetOperations);
    server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
        server, systemDao, storageSettings, searchParamRegistry, validationSupport));

    pagingProvider.setDefaultPageSize(properties.defaultPageSize());
    pagingProvider.setMaximumPageSize(properties.maxPageSize());
    server.setPagingProvider(pagingProvider);
    // Every search runs as an offset query: one SQL statement with a LIMIT, nothing written to
    // HAPI's search cache, and each page evaluated anew for the caller who fetches it (so a page
    // link never outlives the access that produced it). Next links carry _offset.
    server.registerInterceptor(new OffsetPaging(properties.defaultPageSize(), properties.maxPageSize()));
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    server.setDefaultPrettyPrint(false);
    server.setETagSupport(ETagSupportEnum.ENABLED);
    server.setServerAddressStrategy(properties.serverAddress() == null
        ? new IncomingRequestAddressStrategy()
        : new HardcodedServerAddressStrategy(properties.serverAddress().toString()));

    List<RestfulServerCustomizer> ordered = customizers.orderedStream().toList();
    ordered.forEach(customizer -> customizer.customize(server));
    return server;
  }

  @Bean
  ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
    ServletRegistrationBean<RestfulServer> registration =
        new ServletRegistrationBean<>(server, FHIR_PATH + "/*");
    registration.setName("fhir");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
