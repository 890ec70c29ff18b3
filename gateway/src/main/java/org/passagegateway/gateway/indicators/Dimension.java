package org.passagegateway.gateway.indicators;

import org.passagegateway.terminology.PassageTerminology;

/**
 * One way a count is broken down (an mADX disaggregation): its code, the code system of its
 * values, and the SQL expression that gives a referral fact's value ({@code f} is the fact row;
 * the receiving site's type comes from the directory, bound as {@code :siteTypes}).
 */
enum Dimension {
  SEX("sex", "http://hl7.org/fhir/administrative-gender", "coalesce(f.sex, 'unknown')"),
  AGE_BAND("age-band", IndicatorTerminology.AGE_BAND, "case when f.birth_year is null then 'unknown'"
      + " when extract(year from f.sent_at) - f.birth_year < 25 then 'under-25' else '25-and-over' end"),
  SERVICE_TYPE("service-type", PassageTerminology.SERVICE_TYPE, "coalesce(f.service_type, 'unknown')"),
  RECEIVING_SITE("receiving-site", PassageTerminology.SITE_CODE, "coalesce(f.owner, 'open')"),
  RECEIVING_SITE_TYPE("receiving-site-type", PassageTerminology.SITE_TYPE, null),
  SENDING_SITE("sending-site", PassageTerminology.SITE_CODE, "coalesce(f.requester, 'unknown')"),
  REJECTION_REASON("rejection-reason", PassageTerminology.REJECTION_REASON, "coalesce(f.status_reason, 'unknown')"),
  CANCELLATION_REASON("cancellation-reason", PassageTerminology.CANCELLATION_REASON,
      "coalesce(f.status_reason, 'unknown')");

  /** A value no fact gives: the data is missing (data-absent-reason). */
  static final String UNKNOWN = "unknown";
  /** The receiving site of an open referral no site has claimed. */
  static final String OPEN = "open";

  private final String code;
  private final String system;
  private final String sql;

  Dimension(String code, String system, String sql) {
    this.code = code;
    this.system = system;
    this.sql = sql;
  }

  String code() {
    return code;
  }

  String system() {
    return system;
  }

  /** The expression giving a fact's value; the receiving site type's is built from the directory. */
  String sql(SiteDirectory sites) {
    return this == RECEIVING_SITE_TYPE ? sites.siteTypeSql() : sql;
  }

  /** Whether the dimension's values are sites, shown by their site code. */
  boolean isSite() {
    return this == RECEIVING_SITE || this == SENDING_SITE;
  }
}
