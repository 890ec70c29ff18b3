package org.passagegateway.gateway.demo;

import java.util.ArrayList;
import java.util.List;
import org.passagegateway.gateway.audit.AuditProperties;
import org.passagegateway.gateway.conformance.ValidationProperties;
import org.passagegateway.gateway.consent.ConsentProperties;
import org.passagegateway.gateway.referral.ReferralProperties;
import org.passagegateway.gateway.security.SecurityProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Configuration;

/**
 * What only the demo network may do. The switches that turn one of Passage's checks off exist only
 * to measure what the check costs, on the demo network; and keys generated for the process (token
 * and audit checkpoint signing keys) suit only a demo on one machine: tokens die with the process
 * and every restart signs the log with a new key. Started with any of these and the demo network
 * not loaded, the gateway refuses to start, saying how to make the keys. The one place this rule
 * is written (the features read their own settings and know nothing of the demo).
 */
@Configuration(proxyBeanMethods = false)
class DemoOnlySwitches implements InitializingBean {

  private final DemoProperties demo;
  private final SecurityProperties security;
  private final ConsentProperties consent;
  private final ReferralProperties referral;
  private final AuditProperties audit;
  private final ValidationProperties validation;

  DemoOnlySwitches(DemoProperties demo, SecurityProperties security, ConsentProperties consent, ReferralProperties referral,
      AuditProperties audit, ValidationProperties validation) {
    this.validation = validation;
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
    if (!validation.enforceProfiles()) {
      off.add("passage.validation.enforce-profiles=false");
    }
    if (!off.isEmpty() && !demo.enabled()) {
      throw new IllegalStateException(String.join(", ", off) + ": only for measuring what a check costs, "
          + "on the demo network (passage.demo.enabled=true)");
    }
    List<String> missing = new ArrayList<>();
    if (security.signingKeys().isEmpty()) {
      missing.add("passage.security.signing-keys (token signing keys; make one with: openssl ecparam -name prime256v1"
          + " -genkey -noout -out token-signing-key.pem)");
    }
    if (audit.signingKey() == null) {
      missing.add("passage.audit.signing-key (the audit checkpoint key; make one with: openssl genpkey -algorithm"
          + " ed25519 -out audit-signing-key.pem)");
    }
    if (!missing.isEmpty() && !demo.enabled()) {
      throw new IllegalStateException("Configure " + String.join(" and ", missing) + ": keys generated for the process"
          + " are only for the demo network (passage.demo.enabled=true)");
    }
  }
}
