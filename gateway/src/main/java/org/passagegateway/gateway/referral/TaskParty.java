package org.passagegateway.gateway.referral;

/** The two parties of a referral Task: the site that sent it and the site it is addressed to. */
enum TaskParty {
  REQUESTER,
  OWNER;

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
