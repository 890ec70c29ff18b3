package org.passagegateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SMART v1 and v2 system scopes, and which allowed scope covers which requested one. */
class SmartScopeTest {

  @Test
  void whenScopesAreParsedThenV1FormsBecomeV2Permissions() {
    assertThat(SmartScope.parse("system/Task.read")).contains(new SmartScope("Task", "rs"));
    assertThat(SmartScope.parse("system/Task.write")).contains(new SmartScope("Task", "cud"));
    assertThat(SmartScope.parse("system/*.*")).contains(new SmartScope("*", "cruds"));
    assertThat(SmartScope.parse("system/Task.cruds")).contains(new SmartScope("Task", "cruds"));
  }

  @Test
  void whenAScopeIsMalformedOrNotASystemScopeThenItIsNotAScope() {
    assertThat(SmartScope.parse("patient/Task.rs")).isEmpty();
    assertThat(SmartScope.parse("system/Task.")).isEmpty();
    assertThat(SmartScope.parse("system/Task.sr")).isEmpty();
    assertThat(SmartScope.parse("system/Task.rs launch")).isEmpty();
  }

  @Test
  void whenAnAllowedScopeIsWiderThenItCoversTheNarrowerRequest() {
    SmartScope allowed = SmartScope.parse("system/Task.cruds").orElseThrow();

    assertThat(allowed.covers(SmartScope.parse("system/Task.rs").orElseThrow())).isTrue();
    assertThat(allowed.covers(SmartScope.parse("system/Task.read").orElseThrow())).isTrue();
    assertThat(allowed.covers(SmartScope.parse("system/Patient.rs").orElseThrow())).isFalse();
    assertThat(SmartScope.parse("system/Task.rs").orElseThrow().covers(SmartScope.parse("system/Task.cu").orElseThrow())).isFalse();
    assertThat(SmartScope.parse("system/*.rs").orElseThrow().covers(SmartScope.parse("system/Consent.r").orElseThrow())).isTrue();
  }

  @Test
  void whenAnInteractionIsCheckedThenOnlyTheScopesPermissionsAllowIt() {
    SmartScope readSearch = SmartScope.parse("system/ServiceRequest.rs").orElseThrow();

    assertThat(readSearch.allows("ServiceRequest", 'r')).isTrue();
    assertThat(readSearch.allows("ServiceRequest", 'c')).isFalse();
    assertThat(readSearch.allows("Task", 'r')).isFalse();
  }
}
