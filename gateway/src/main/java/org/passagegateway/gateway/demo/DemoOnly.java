package org.passagegateway.gateway.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.passagegateway.gateway.audit.AuditProperties;
import org.passagegateway.gateway.benchmark.BenchmarkProperties;
import org.passagegateway.gateway.identity.IdentityProperties;
import org.passagegateway.gateway.security.SecurityProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * What only the demo network may do, checked at start-up; the one place these rules are written
 * (the features read their own settings and know nothing of the demo).
 *
 * <ul>
 *   <li>The demo itself needs the demo build: the production artifact ({@code passage-gateway.jar}
 *       with its {@code lib/}) carries no demo network and no demo keys, {@code
 *       passage-gateway-demo.jar} adds them.
 *   <li>A check switched off ({@code passage.benchmark.checks-off}) exists only to measure what it
 *       costs: only with the demo network loaded, on the embedded database (H2), never on a
 *       database that could hold real clients.
 *   <li>Keys generated for the process (token and audit checkpoint signing keys, the pseudonym key)
 *       suit only a demo on one machine: tokens die with the process, every restart signs the log
 *       with a new key and derives other pseudonyms.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class DemoOnly implements InitializingBean {

  /** A class of the demo network's jar, absent from the production artifact. */
  static final String DEMO_NETWORK = "org.passagegateway.testdata.DemoNetwork";

  private final DemoProperties demo;
  private final BenchmarkProperties benchmark;
  private final SecurityProperties security;
  private final AuditProperties audit;
  private final IdentityProperties identity;
  private final BooleanSupplier demoInBuild;
  private final BooleanSupplier embeddedDatabase;

  @Autowired
  DemoOnly(DemoProperties demo, BenchmarkProperties benchmark, SecurityProperties security, AuditProperties audit,
      IdentityProperties identity, DataSource dataSource) {
    this(demo, benchmark, security, audit, identity,
        () -> ClassUtils.isPresent(DEMO_NETWORK, DemoOnly.class.getClassLoader()), () -> isH2(dataSource));
  }

  DemoOnly(DemoProperties demo, BenchmarkProperties benchmark, SecurityProperties security, AuditProperties audit,
      IdentityProperties identity, BooleanSupplier demoInBuild, BooleanSupplier embeddedDatabase) {
    this.demo = demo;
    this.benchmark = benchmark;
    this.security = security;
    this.audit = audit;
    this.identity = identity;
    this.demoInBuild = demoInBuild;
    this.embeddedDatabase = embeddedDatabase;
  }

  @Override
  public void afterPropertiesSet() {
    if (demo.enabled() && !demoInBuild.getAsBoolean()) {
      throw new IllegalStateException("passage.demo.enabled=true: this build carries no demo network; start "
          + "gateway/target/passage-gateway-demo.jar for the demo (passage-gateway.jar is the production artifact)");
    }
    if (!benchmark.checksOff().isEmpty()) {
      String off = "passage.benchmark.checks-off=" + benchmark.checksOff().stream()
          .map(check -> check.name().toLowerCase(Locale.ROOT).replace('_', '-')).sorted().collect(Collectors.joining(","));
      if (!demo.enabled() || !embeddedDatabase.getAsBoolean()) {
        throw new IllegalStateException(off + ": only for measuring what a check costs, on the demo network "
            + "(passage.demo.enabled=true) and the embedded database (H2)");
      }
    }
    List<String> missing = new ArrayList<>();
    if (security.signingKeys().isEmpty()) {
      missing.add("passage.security.signing-keys (token signing keys; make one with: openssl ecparam -name prime256v1"
          + " -genkey -noout -out token-signing-key.pem)");
    }
    if (identity.keys().isEmpty()) {
      missing.add("passage.identity.keys (the network pseudonym key of epoch 1, e.g. passage.identity.keys[0].epoch=1"
          + " and passage.identity.keys[0].file=pseudonym-key-1; make one with: openssl rand -base64 32"
          + " > pseudonym-key-1)");
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

  private static boolean isH2(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return "H2".equals(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException unreachable) {
      return false;
    }
  }
}
