package org.passagegateway.gateway.demo;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.audit.AuditProperties;
import org.passagegateway.gateway.conformance.ValidationProperties;
import org.passagegateway.gateway.consent.ConsentProperties;
import org.passagegateway.gateway.referral.ReferralProperties;
import org.passagegateway.gateway.security.SecurityProperties;

/** A check is turned off only on the demo network; each switch alone is enough to refuse the start. */
class DemoOnlySwitchesTest {

  @Test
  void whenAnySwitchIsOffWithoutTheDemoThenTheGatewayRefusesToStartNamingIt() {
    assertThatThrownBy(() -> switches(false, false, true, true, true).afterPropertiesSet())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("passage.security.fhir-access-control=false");
    assertThatThrownBy(() -> switches(false, true, false, true, true).afterPropertiesSet())
        .hasMessageContaining("passage.consent.enforced=false");
    assertThatThrownBy(() -> switches(false, true, true, false, true).afterPropertiesSet())
        .hasMessageContaining("passage.referral.enforce-workflow=false");
    assertThatThrownBy(() -> switches(false, true, true, true, false).afterPropertiesSet())
        .hasMessageContaining("passage.audit.recorded=false");
    assertThatThrownBy(() -> new DemoOnlySwitches(new DemoProperties(false),
        new SecurityProperties(Duration.ofMinutes(5), Duration.ofMinutes(5), List.of(Path.of("k.pem")), null,
            Duration.ofSeconds(30), null, true),
        new ConsentProperties(true, 100), new ReferralProperties(true),
        new AuditProperties("test", Path.of("a.pem"), List.of(), Duration.ofSeconds(1), Duration.ofMinutes(1), false, true),
        new ValidationProperties(false, false)).afterPropertiesSet())
        .hasMessageContaining("passage.validation.enforce-profiles=false");
  }

  @Test
  void whenEveryCheckIsOnOrTheDemoIsLoadedThenTheGatewayStarts() {
    assertThatCode(() -> switches(false, true, true, true, true).afterPropertiesSet()).doesNotThrowAnyException();
    assertThatCode(() -> switches(true, false, false, false, false).afterPropertiesSet()).doesNotThrowAnyException();
  }

  @Test
  void whenNoSigningKeyIsConfiguredWithoutTheDemoThenTheGatewayRefusesToStartSayingHowToMakeIt() {
    assertThatThrownBy(() -> switches(false, true, true, true, true, false, true).afterPropertiesSet())
        .hasMessageContaining("passage.security.signing-keys").hasMessageContaining("openssl ecparam")
        .hasMessageNotContaining("passage.audit.signing-key");
    assertThatThrownBy(() -> switches(false, true, true, true, true, true, false).afterPropertiesSet())
        .hasMessageContaining("passage.audit.signing-key").hasMessageContaining("openssl genpkey -algorithm ed25519");
    assertThatCode(() -> switches(true, true, true, true, true, false, false).afterPropertiesSet())
        .as("the demo may generate both").doesNotThrowAnyException();
  }

  private static DemoOnlySwitches switches(boolean demo, boolean accessControl, boolean consent, boolean workflow,
      boolean audit) {
    return switches(demo, accessControl, consent, workflow, audit, true, true);
  }

  private static DemoOnlySwitches switches(boolean demo, boolean accessControl, boolean consent, boolean workflow,
      boolean audit, boolean tokenKeys, boolean auditKey) {
    return new DemoOnlySwitches(new DemoProperties(demo),
        new SecurityProperties(Duration.ofMinutes(5), Duration.ofMinutes(5),
            tokenKeys ? List.of(Path.of("token-signing-key.pem")) : List.of(), null, Duration.ofSeconds(30), null,
            accessControl),
        new ConsentProperties(consent, 100), new ReferralProperties(workflow),
        new AuditProperties("test", auditKey ? Path.of("audit-signing-key.pem") : null, List.of(), Duration.ofSeconds(1),
            Duration.ofMinutes(1), false, audit), new ValidationProperties(true, false));
  }
}
