package org.passagegateway.gateway.directory;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The directory's capacity and eligibility ({@code passage.directory.*}).
 *
 * @param holdDuration how long a place held for a referral being sent stays held if the referral
 *     is not sent, accepted, rejected or cancelled before
 * @param defaultRefreshInterval how long a capacity status stays current when its site declares no
 *     refresh interval of its own
 * @param refuse which unfit referrals are refused rather than sent with a warning: {@code
 *     no-capacity} (the service declares, currently, that it has no place) and {@code eligibility}
 *     (the service does not declare that it accepts a group the referral says she belongs to)
 */
@Validated
@ConfigurationProperties("passage.directory")
public record DirectoryProperties(
    @DefaultValue("PT2H") Duration holdDuration,
    @DefaultValue("P1D") Duration defaultRefreshInterval,
    @DefaultValue Set<Unfit> refuse) {

  /** What can make a referral unfit for the service it is sent to. */
  public enum Unfit { NO_CAPACITY, ELIGIBILITY }
}
