package org.passagegateway.gateway.error;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Every error the gateway answers with: a stable {@code PASSAGE-nnnn} code, its HTTP status and
 * its FHIR issue type. This enum is the one table that maps errors to statuses; the code system
 * {@value #CODE_SYSTEM} publishes the same codes.
 *
 * <p>Messages never carry client data: they name elements, codes and rules, never values.
 */
public enum PassageError {
  // 1xxx: the request itself
  MALFORMED_BODY(1001, 400, IssueType.STRUCTURE, "Malformed request body",
      "The request body is not a valid FHIR resource: %s"),
  BODY_TOO_LARGE(1002, 413, IssueType.TOOCOSTLY, "Request body too large",
      "The request body is larger than the gateway accepts (%s bytes at most)"),
  UNSUPPORTED_MEDIA_TYPE(1003, 415, IssueType.NOTSUPPORTED, "Unsupported media type",
      "The request body must be FHIR JSON or XML (application/fhir+json, application/fhir+xml), a PATCH's a JSON Patch (application/json-patch+json) or FHIR Parameters"),
  RESOURCE_TYPE_MISMATCH(1004, 400, IssueType.INVALID, "Resource type does not match the URL",
      "%s"),
  UNKNOWN_RESOURCE_TYPE(1005, 404, IssueType.NOTSUPPORTED, "Unknown resource type",
      "This server does not support the resource type '%s'"),
  UNKNOWN_ENDPOINT(1006, 404, IssueType.NOTSUPPORTED, "Unknown endpoint",
      "There is no endpoint at this address"),
  METHOD_NOT_ALLOWED(1007, 405, IssueType.NOTSUPPORTED, "Method not allowed",
      "This HTTP method is not allowed at this address"),
  NOT_IMPLEMENTED(1008, 501, IssueType.NOTSUPPORTED, "Not implemented",
      "This interaction is not supported by the gateway"),
  INVALID_REQUEST(1009, 400, IssueType.INVALID, "Invalid request", "%s"),
  NOT_ACCEPTABLE(1010, 406, IssueType.NOTSUPPORTED, "Not acceptable",
      "The gateway answers in FHIR JSON or FHIR XML only"),

  // 2xxx: resources and their versions
  RESOURCE_NOT_FOUND(2001, 404, IssueType.NOTFOUND, "Resource not found",
      "No resource of this type with this id is available"),
  RESOURCE_GONE(2002, 410, IssueType.DELETED, "Resource deleted",
      "The resource has been deleted"),
  VERSION_CONFLICT(2003, 409, IssueType.CONFLICT, "Conflict", "%s"),
  PRECONDITION_FAILED(2004, 412, IssueType.CONFLICT, "Precondition failed",
      "The resource has changed since the version named in If-Match; read it again and retry"),
  UNPROCESSABLE(2005, 422, IssueType.PROCESSING, "Unprocessable resource", "%s"),
  PROFILE_VIOLATION(2006, 422, IssueType.INVALID, "Resource does not conform to its Passage profile",
      "The %s does not conform to the profile %s"),
  CHANGED_CONCURRENTLY(2007, 409, IssueType.CONFLICT, "Changed concurrently",
      "What this request was checked against (a client's consent) changed while it was processed; nothing was written, read again and retry"),

  // 3xxx: identity and access
  AUTHENTICATION_REQUIRED(3001, 401, IssueType.LOGIN, "Authentication required",
      "A valid bearer token is required"),
  FORBIDDEN(3002, 403, IssueType.FORBIDDEN, "Forbidden",
      "The authenticated client may not perform this interaction"),
  INTERACTION_NOT_ALLOWED(3003, 403, IssueType.FORBIDDEN, "Interaction not allowed",
      "The client's role and granted scopes do not allow %s"),
  NOT_OWN_ORGANIZATION(3004, 403, IssueType.FORBIDDEN, "Not the client's own organization",
      "A site acts only for its own Organization: %s must reference the authenticated site's Organization"),
  AUTHORSHIP_CHANGED(3005, 403, IssueType.FORBIDDEN, "Authorship cannot change",
      "%s cannot be changed: it names the site the resource comes from"),
  ACCOUNT_EXISTS(3006, 409, IssueType.DUPLICATE, "Account exists",
      "There is already an account with this name; choose another name"),

  // 4xxx: the referral workflow
  TRANSITION_NOT_ALLOWED(4001, 409, IssueType.BUSINESSRULE, "Status transition not allowed",
      "A referral Task cannot move from status %s to %s"),
  TRANSITION_NOT_YOURS(4002, 403, IssueType.FORBIDDEN, "Status transition by the other party",
      "Only the %s may move a referral Task from %s to %s"),
  ELEMENT_NOT_YOURS(4003, 403, IssueType.FORBIDDEN, "Element changed by the owner",
      "The owner of a referral Task may change only status, statusReason, businessStatus, note and output, not %s"),
  ELEMENT_IMMUTABLE(4004, 422, IssueType.BUSINESSRULE, "Element cannot change",
      "%s of a referral Task cannot change"),
  OWNER_NOT_OFFERING(4005, 422, IssueType.BUSINESSRULE, "Owner does not offer the service",
      "The owner must be a member site with a HealthcareService of the referral's service type"),
  ADDRESSEE_MISMATCH(4006, 422, IssueType.BUSINESSRULE, "Task and referral addressed differently",
      "%s"),
  NOT_CLAIMABLE(4007, 409, IssueType.CONFLICT, "Referral not open to claim",
      "Only an open referral Task in status requested, addressed to the caller's kind of site and not yet claimed, can be claimed"),
  RE_REFERRAL_INVALID(4008, 422, IssueType.BUSINESSRULE, "Invalid re-referral",
      "A re-referral is a new Task partOf a rejected referral Task of the same ServiceRequest, sent by its requester"),
  SUBSCRIPTION_NOT_ALLOWED(4009, 422, IssueType.BUSINESSRULE, "Subscription not allowed",
      "A site subscribes only to the referral Tasks it owns or sent, with empty or id-only notifications: %s"),

  // 5xxx: consent
  CONSENT_NOT_REACTIVATED(5001, 422, IssueType.BUSINESSRULE, "Consent cannot become active again",
      "A consent that is no longer active stays so; to consent again, the client records a new consent"),
  CONSENT_MISSING(5002, 422, IssueType.BUSINESSRULE, "Consent missing",
      "No active consent of the client permits this referral to be disclosed to its owner; record her consent first"),

  // 6xxx: network identity
  UIC_PART_INVALID(6001, 400, IssueType.INVALID, "UIC part missing or unreadable",
      "The UIC part %s is missing or cannot be read; send it as the network defines it, or 'unknown'"),
  UIC_PART_UNKNOWN(6002, 400, IssueType.INVALID, "Unknown UIC part",
      "The request names a part that the network's UIC does not have"),
  PSEUDONYM_NOT_ISSUED(6003, 422, IssueType.BUSINESSRULE, "Pseudonym not issued by this gateway",
      "A client's network pseudonym must be one this gateway issued (Patient/$pseudonym); check it for a typing error"),
  DERIVATIONS_THROTTLED(6004, 429, IssueType.THROTTLED, "Too many pseudonym derivations",
      "This client has derived more pseudonyms than the network allows in an hour; retry later"),

  // 7xxx: indicators
  PERIOD_INVALID(7001, 400, IssueType.INVALID, "Reporting period missing or invalid",
      "Give periodStart and periodEnd as dates (YYYY-MM-DD) spanning one calendar month, quarter, half-year or year"),
  SUBJECT_NOT_ALLOWED(7002, 400, IssueType.NOTSUPPORTED, "Indicators are never about a subject",
      "Indicators are evaluated for the whole network only (reportType population); no subject, practitioner or"
          + " subject list can be asked for"),
  EVALUATION_BUSY(7003, 503, IssueType.TRANSIENT, "Another indicator is being evaluated",
      "Indicators are evaluated one at a time across the network; try again in a few seconds"),

  // 8xxx: directory, capacity and eligibility
  CAPACITY_INVALID(8001, 400, IssueType.INVALID, "Capacity missing or invalid",
      "Give status (capacity, no-capacity, waitlist or assessment-needed); available and maximum as whole numbers,"
          + " available not above maximum; unit (places, beds, appointments or slots); refreshInterval in min, h, d or wk"),
  NO_PLACE_TO_HOLD(8002, 409, IssueType.CONFLICT, "No place free to hold",
      "The service has no free place to hold now, or publishes no capacity"),
  HOLD_UNKNOWN(8003, 422, IssueType.BUSINESSRULE, "Hold not found",
      "The hold the referral names is not one of this site's on the service it is sent to, has expired, or is used by another referral"),
  REFERRAL_UNFIT(8004, 422, IssueType.BUSINESSRULE, "The service cannot take this referral",
      "The network refuses referrals to a service that %s"),
  SHELTER_LOCATION(8005, 422, IssueType.BUSINESSRULE, "A shelter's location is never recorded",
      "Where a women's shelter is must not be written into the directory or a referral: remove the location"),

  // 9xxx: the gateway itself
  INTERNAL(9001, 500, IssueType.EXCEPTION, "Internal error",
      "The gateway could not complete the request; the incident is logged under reference %s"),
  DATABASE_UNAVAILABLE(9002, 503, IssueType.TRANSIENT, "Database unavailable",
      "The gateway cannot reach its database at the moment (for example during a failover); retry after the seconds in Retry-After. A write this interrupted may or may not have been stored: repeat it as a conditional create or a versioned update, or read before writing again"),
  NO_NODE_AVAILABLE(9003, 503, IssueType.TRANSIENT, "No gateway node available",
      "No gateway node can take the request at the moment; retry after the seconds in Retry-After"),
  NODE_LOST(9004, 502, IssueType.TRANSIENT, "Gateway node lost",
      "The gateway node handling the request stopped before it answered; a write may or may not have been stored: repeat it as a conditional create or a versioned update, or read before writing again"),
  NODE_TIMEOUT(9005, 504, IssueType.TIMEOUT, "Gateway node timed out",
      "The gateway node handling the request did not answer in time; a write may or may not have been stored: repeat it as a conditional create or a versioned update, or read before writing again");

  /** How long a client is asked to wait ({@code Retry-After}) before repeating a request refused with a 503. */
  public static final int RETRY_AFTER_SECONDS = 5;

  /** The code system of Passage error codes. */
  public static final String CODE_SYSTEM = "https://passage-gateway.org/fhir/CodeSystem/passage-error";

  private final int number;
  private final int httpStatus;
  private final IssueType issueType;
  private final String title;
  private final String template;

  PassageError(int number, int httpStatus, IssueType issueType, String title, String template) {
    this.number = number;
    this.httpStatus = httpStatus;
    this.issueType = issueType;
    this.title = title;
    this.template = template;
  }

  /** The stable code, e.g. {@code PASSAGE-1001}. */
  public String code() {
    return "PASSAGE-" + number;
  }

  /**
   * Whether the issues after this error's summary are a library's findings (the instance
   * validator's, for a profile violation), whose text may quote the request's body.
   */
  public boolean findingsFromLibrary() {
    return this == PROFILE_VIOLATION;
  }

  /**
   * Whether this error's text is the gateway's own, word for word (its template fills in nothing):
   * then nothing of the caller's can be in it, and there is nothing to redact.
   */
  public boolean fixedText() {
    return !template.contains("%s");
  }

  public int httpStatus() {
    return httpStatus;
  }

  public IssueType issueType() {
    return issueType;
  }

  /** A short, fixed title for the code (the coding's display). */
  public String title() {
    return title;
  }

  /** The message for this error, its template filled with the arguments. */
  public String message(Object... args) {
    return args.length == 0 && !template.contains("%s") ? template : String.format(template, args);
  }

  /**
   * An exception whose OperationOutcome has one summary issue (this error's message) followed by
   * the given detail issues, for errors that find several problems at once.
   */
  public PassageException exceptionWithDetails(
      List<OperationOutcome.OperationOutcomeIssueComponent> details, Object... args) {
    OperationOutcome outcome = OperationOutcomes.of(this, message(args));
    details.forEach(outcome::addIssue);
    return new PassageException(this, outcome);
  }

  /** An exception carrying this error's OperationOutcome, ready to throw from a HAPI hook. */
  public PassageException exception(Object... args) {
    return new PassageException(this, message(args));
  }
}
