package org.passagegateway.gateway.indicators;

import org.passagegateway.gateway.security.Caller;

/** Records that a caller evaluated an indicator: who, which measure, and the report released (implemented by the audit log). */
@FunctionalInterface
public interface EvaluationAudit {

  /**
   * @param measure the Measure's relative reference
   * @param report the stored report's relative reference, or null if reports are not kept
   */
  void evaluated(Caller caller, String measure, String report);
}
