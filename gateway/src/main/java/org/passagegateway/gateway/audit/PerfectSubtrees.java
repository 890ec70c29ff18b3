package org.passagegateway.gateway.audit;

/** Where the hashes of a log's aligned perfect subtrees come from: memory, or the stored tiles. */
@FunctionalInterface
interface PerfectSubtrees {

  /** MTH of the leaves [index·2^level, (index+1)·2^level), all of which are in the log. */
  byte[] hash(int level, long index);
}
