package org.passagegateway.gateway.demo;

import java.util.ArrayList;
import java.util.List;
import org.passagegateway.gateway.audit.AuditProperties;
import org.passagegateway.gateway.consent.ConsentProperties;
import org.passagegateway.gateway.referral.ReferralProperties;
import org.passagegateway.gateway.security.SecurityProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Configuration;

/**
 * The switches that turn one of Passage's checks off exist only to measure what the check costs,
 * on the demo network: started with any of them off and the demo network not loaded, the gateway
 * refuses to start. The one place this rule is written (the features read their own switch and
 * know nothing of the demo).
 */
@Configuration(proxyBeanMethods = false)
class DemoOnlySwitches implements InitializingBean {

  private final DemoProperties demo;
  private final SecurityProperties security;
  private final ConsentProperties consent;
  private final ReferralProperties referral;
  private final AuditProperties audit;

  DemoOnlySwitches(DemoProperties demo, SecurityProperties security, ConsentProperties consent, ReferralProperties referral,
      AuditProperties audit) {
    this.demo = demo;
    this.security = security;
    this.consent = consent;
    this.referral = referral;
    this.audit = audit;
  }

  @Override
  public void afterPropertiesSet() {
    List<String> off = new ArrayList<>();
    if (!security.fhirAccessControl()) {
      off.add("passage.security.fhir-access-control=false");
    }
    if (!consent.enforced()) {
      off.add("passage.consent.enforced=false");
    }
    if (!referral.enforceWorkflow()) {
      off.add("passage.referral.enforce-workflow=false");
    }
    if (!audit.recorded()) {
      off.add("passage.audit.recorded=false");
    }
    if (!off.isEmpty() && !demo.enabled()) {
      throw new IllegalStateException(String.join(", ", off) + ": only for measuring what a check costs, "
          + "on the demo network (passage.demo.enabled=true)");
    }
  }
}
