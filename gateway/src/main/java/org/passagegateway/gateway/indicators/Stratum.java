package org.passagegateway.gateway.indicators;

import java.util.List;

/**
 * A cell of a group: the group's total (no stratifier) or one stratum of one of its stratifiers,
 * with the value of each component (site codes for sites).
 */
record Stratum(String stratifier, List<String> values) {

  static final Stratum TOTAL = new Stratum("", List.of());

  Stratum {
    values = List.copyOf(values);
  }

  boolean isTotal() {
    return stratifier.isEmpty();
  }

  /** Its name in a cell key: {@code stratifier=value,value}, or {@code total}. */
  String key() {
    return isTotal() ? "total" : stratifier + "=" + String.join(",", values);
  }
}
