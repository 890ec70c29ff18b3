package org.passagegateway.gateway.error;

import ca.uhn.fhir.context.FhirContext;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import ca.uhn.fhir.jpa.dao.ITransactionProcessorVersionAdapter;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.core.Ordered;

/** Wires the error feature: one translator, one writer, the HAPI hook and the body limit. */
@Configuration(proxyBeanMethods = false)
class ErrorConfiguration {

  @Bean
  ErrorTranslator errorTranslator() {
    return new ErrorTranslator();
  }

  /** In place of HAPI's own (a primary bean, which HAPI's transaction processor takes). */
  @Bean
  @Primary
  ITransactionProcessorVersionAdapter<Bundle, Bundle.BundleEntryComponent> entryOutcomes(ErrorTranslator translator) {
    return new EntryOutcomes(translator);
  }

  @Bean
  ErrorResponseWriter errorResponseWriter(FhirContext fhirContext) {
    return new ErrorResponseWriter(fhirContext);
  }

  @Bean
  FhirErrorInterceptor fhirErrorInterceptor(ErrorTranslator translator) {
    return new FhirErrorInterceptor(translator);
  }

  @Bean
  RestfulServerCustomizer errorCustomizer(FhirErrorInterceptor interceptor) {
    return server -> {
      server.registerInterceptor(interceptor);
      server.registerInterceptor(new ResourceIds());
    };
  }

  /**
   * Tomcat answers "100 Continue" only once the application reads the body, so a client whose
   * declared body is over the limit gets the 413 without uploading the body first.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
    return factory -> factory.addConnectorCustomizers(
        connector -> connector.setProperty("continueResponseTiming", "onRead"));
  }

  /** What Tomcat refuses before the gateway sees it is answered as an OperationOutcome too. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectorErrors() {
    return factory -> factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(ConnectorErrorValve.class.getName());
      }
    });
  }

  @Bean
  FilterRegistrationBean<UnservableRequests> unservableRequests(ErrorResponseWriter writer) {
    FilterRegistrationBean<UnservableRequests> registration = new FilterRegistrationBean<>(new UnservableRequests(writer));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    registration.addUrlPatterns("/*");
    return registration;
  }

  @Bean
  FilterRegistrationBean<HealthEndpointErrors> healthEndpointErrors(ErrorResponseWriter writer) {
    FilterRegistrationBean<HealthEndpointErrors> registration = new FilterRegistrationBean<>(new HealthEndpointErrors(writer));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    registration.addUrlPatterns("/actuator/*");
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
      HttpLimitsProperties limits, ErrorResponseWriter writer) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits, writer));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    registration.addUrlPatterns("/*");
    return registration;
  }
}
