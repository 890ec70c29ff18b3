package org.passagegateway.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RawHttp.Response;

/**
 * The console's files as the gateway serves them: its page never cached, its own policy, its script
 * compressed; the gateway's own JSON answers (the registry here, several KB, with keys) are not.
 */
class ConsoleServingTest extends H2GatewayTest {

  @Test
  void whenTheConsoleIsServedThenItsScriptIsCompressedUnderItsOwnPolicyAndTheGatewaysJsonIsNot() {
    Response page = anonymousHttp().send("GET", "/console/", null, null, "Accept-Encoding", "gzip");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'none'; script-src 'self'")
        .contains("frame-ancestors 'none'");
    Matcher script = Pattern.compile("src=\"(/console/assets/[^\"]+\\.js)\"").matcher(page.body());
    assertThat(script.find()).as("the page names its script").isTrue();

    Response code = anonymousHttp().send("GET", script.group(1), null, null, "Accept-Encoding", "gzip");
    Response registry = httpAs(ADMIN).send("GET", "/admin/clients", null, null, "Accept-Encoding", "gzip");

    assertThat(code.status()).isEqualTo(200);
    assertThat(code.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(registry.status()).isEqualTo(200);
    assertThat(registry.body().length()).isGreaterThan(1024);
    assertThat(registry.header("Content-Encoding")).isNull();
  }
}
