package org.passagegateway.gateway.demo;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.passagegateway.gateway.audit.AuditProperties;
import org.passagegateway.gateway.benchmark.BenchmarkProperties;
import org.passagegateway.gateway.benchmark.BenchmarkProperties.Check;
import org.passagegateway.gateway.identity.IdentityProperties;
import org.passagegateway.gateway.security.SecurityProperties;

/** A check is switched off only on the demo network and the embedded database; the demo needs the demo build. */
class DemoOnlyTest {

  @ParameterizedTest
  @EnumSource(Check.class)
  void whenAnyCheckIsOffWithoutTheDemoThenTheGatewayRefusesToStartNamingIt(Check check) {
    String name = check.name().toLowerCase().replace('_', '-');
    assertThatThrownBy(() -> demoOnly(false, true, true, Set.of(check), true, true).afterPropertiesSet())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("passage.benchmark.checks-off=" + name)
        .hasMessageContaining("passage.demo.enabled=true");
  }

  @ParameterizedTest
  @EnumSource(Check.class)
  void whenAnyCheckIsOffOnADatabaseOtherThanTheEmbeddedOneThenTheGatewayRefusesToStart(Check check) {
    assertThatThrownBy(() -> demoOnly(true, true, false, Set.of(check), true, true).afterPropertiesSet())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("embedded database (H2)");
  }

  @Test
  void whenEveryCheckIsOnOrTheDemoIsLoadedOnH2ThenTheGatewayStarts() {
    assertThatCode(() -> demoOnly(false, true, false, Set.of(), true, true).afterPropertiesSet()).doesNotThrowAnyException();
    assertThatCode(() -> demoOnly(true, true, true, EnumSet.allOf(Check.class), true, true).afterPropertiesSet())
        .doesNotThrowAnyException();
  }

  @Test
  void whenTheDemoIsAskedOfTheProductionBuildThenTheGatewayRefusesToStartNamingTheDemoBuild() {
    assertThatThrownBy(() -> demoOnly(true, false, true, Set.of(), false, false).afterPropertiesSet())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("passage-gateway-demo.jar");
  }

  @Test
  void whenNoSigningKeyIsConfiguredWithoutTheDemoThenTheGatewayRefusesToStartSayingHowToMakeIt() {
    assertThatThrownBy(() -> demoOnly(false, true, false, Set.of(), false, true).afterPropertiesSet())
        .hasMessageContaining("passage.security.signing-keys").hasMessageContaining("openssl ecparam")
        .hasMessageNotContaining("passage.audit.signing-key");
    assertThatThrownBy(() -> demoOnly(false, true, false, Set.of(), true, false).afterPropertiesSet())
        .hasMessageContaining("passage.audit.signing-key").hasMessageContaining("openssl genpkey -algorithm ed25519");
    assertThatThrownBy(() -> demoOnly(false, true, false, Set.of(), true, true, false).afterPropertiesSet())
        .hasMessageContaining("passage.identity.keys").hasMessageContaining("openssl rand -base64 32");
    assertThatCode(() -> demoOnly(true, true, false, Set.of(), false, false, false).afterPropertiesSet())
        .as("the demo may do without all three").doesNotThrowAnyException();
  }

  private static DemoOnly demoOnly(boolean demo, boolean demoInBuild, boolean h2, Set<Check> off, boolean tokenKeys,
      boolean auditKey) {
    return demoOnly(demo, demoInBuild, h2, off, tokenKeys, auditKey, true);
  }

  private static DemoOnly demoOnly(boolean demo, boolean demoInBuild, boolean h2, Set<Check> off, boolean tokenKeys,
      boolean auditKey, boolean pseudonymKey) {
    return new DemoOnly(new DemoProperties(demo), new BenchmarkProperties(off),
        new SecurityProperties(Duration.ofMinutes(5), Duration.ofMinutes(5),
            tokenKeys ? List.of(Path.of("token-signing-key.pem")) : List.of(), null, Duration.ofSeconds(30), null, false),
        new AuditProperties("test", auditKey ? Path.of("audit-signing-key.pem") : null, List.of(), Duration.ofSeconds(1),
            Duration.ofMinutes(1), false),
        new IdentityProperties(pseudonymKey ? List.of(new IdentityProperties.Key(1, Path.of("pseudonym-key-1")))
            : List.of(), List.of(), 600, 0.05),
        () -> demoInBuild, () -> h2);
  }
}
