package org.passagegateway.gateway.labeling;

import ca.uhn.fhir.context.FhirContext;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.passagegateway.gateway.security.SiteTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the security labeling service: its rules from the labeling ConceptMaps and its interceptor. */
@Configuration(proxyBeanMethods = false)
class LabelingConfiguration {

  @Bean
  LabelingRules labelingRules(FhirContext fhirContext) {
    return LabelingRulesLoader.fromTerminology(fhirContext);
  }

  @Bean
  ResourceLabeler resourceLabeler(LabelingRules rules, SiteTypes siteTypes) {
    return new ResourceLabeler(rules, siteTypes::of);
  }

  @Bean
  RestfulServerCustomizer labelingCustomizer(ResourceLabeler labeler, LabelingRules rules, ReferralFocus focus) {
    return server -> server.registerInterceptor(new SecurityLabeling(labeler, rules, focus));
  }
}
