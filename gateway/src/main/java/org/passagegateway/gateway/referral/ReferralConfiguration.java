package org.passagegateway.gateway.referral;

import org.passagegateway.gateway.benchmark.BenchmarkProperties;
import org.passagegateway.gateway.benchmark.BenchmarkProperties.Check;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.passagegateway.gateway.config.RestfulServerCustomizer;
import org.passagegateway.gateway.consent.ConsentProperties;
import org.passagegateway.gateway.custody.Visibility;
import org.passagegateway.gateway.labeling.ReferralFocus;
import org.passagegateway.gateway.security.OperationGrant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the referral workflow: its rules on every Task write and the {@code $claim} operation. */
@Configuration(proxyBeanMethods = false)
class ReferralConfiguration {

  /** The referral a Task carries, for the labeling service (a Task is labelled as its referral). */
  @Bean
  ReferralFocus referralFocus(DaoRegistry daos) {
    return new ReferralDirectory(daos)::focusOf;
  }

  @Bean
  OperationGrant claimGrant() {
    return new OperationGrant("$claim", "Task", 'u');
  }

  /** On HAPI's own broadcaster, so that every Task search, the gateway's own included, can use the inbox index. */
  @Bean
  TaskStatusSearches taskStatusSearches(IInterceptorService interceptors) {
    TaskStatusSearches searches = new TaskStatusSearches();
    interceptors.registerInterceptor(searches);
    return searches;
  }

  @Bean
  RestfulServerCustomizer referralCustomizer(DaoRegistry daos, PlatformTransactionManager transactions,
      BenchmarkProperties benchmark, Visibility visibility) {
    ReferralDirectory directory = new ReferralDirectory(daos);
    return server -> {
      if (benchmark.on(Check.WORKFLOW)) {
        server.registerInterceptor(new ReferralWorkflow(new ReferralAddressing(directory), Clock.systemUTC()));
      }
      if (benchmark.on(Check.CONSENT)) {
        server.registerInterceptor(new ReferralDisclosure(visibility));
      }
      server.registerProvider(new ClaimOperation(daos, directory, new TransactionTemplate(transactions),
          Clock.systemUTC(), visibility));
    };
  }
}
