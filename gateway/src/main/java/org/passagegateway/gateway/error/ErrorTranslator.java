package org.passagegateway.gateway.error;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.NotImplementedOperationException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a request's processing threw — HAPI's exceptions, parser errors, bugs — into a
 * {@link PassageException}: a Passage code, the right status and a message fit to send.
 *
 * <p>Unexpected exceptions become a 500 with a random incident reference; only the exception's
 * class and that reference are logged at error level, never its message (which may quote data).
 */
public final class ErrorTranslator {

  private static final Logger log = LoggerFactory.getLogger(ErrorTranslator.class);

  // HAPI message codes that need a more specific Passage error than their exception class gives.
  private static final int HAPI_UNKNOWN_RESOURCE_TYPE = 302;
  private static final int HAPI_FORM_CONTENT_TYPE = 446;
  private static final int HAPI_NO_CONTENT_TYPE = 448;
  private static final int HAPI_BAD_CONTENT_TYPE = 449;
  private static final int HAPI_PARSE_FAILURE = 450;
  private static final int HAPI_NO_PATCH_CONTENT_TYPE = 1964;
  private static final int HAPI_BAD_PATCH_CONTENT_TYPE = 1965;
  private static final int HAPI_UPDATE_NOT_CURRENT_VERSION = 989;
  private static final int HAPI_DELETE_NOT_CURRENT_VERSION = 961;

  static final String CONCURRENT_WRITE = "Another request was writing the same records at the same time;"
      + " nothing of this one was written. Send it again";

  private static final Pattern UNKNOWN_TYPE = Pattern.compile("Unknown resource type '([A-Za-z0-9]{1,64})'");
  private static final Pattern WRONG_TYPE = Pattern.compile("(?i)incorrect resource type|resource type .* does not match");

  /**
   * The Passage error for what a request's processing threw, its messages repeating nothing the
   * caller sent.
   *
   * @param withBody whether the request carried a body: when it did not, a value HAPI could not
   *     parse was in the URL (a search parameter's), not a malformed body
   * @param caller what the caller put in the request, redacted from every message
   */
  public PassageException translate(Throwable thrown, boolean withBody, CallerValues caller) {
    return caller.redact(translate(thrown, withBody), !(thrown instanceof PassageException));
  }

  private PassageException translate(Throwable thrown, boolean withBody) {
    if (thrown instanceof PassageException passage) {
      return passage;
    }
    if (DatabaseFailures.unavailable(thrown)) {
      log.warn("The database was unavailable for a request ({})", thrown.getClass().getSimpleName());
      return PassageError.DATABASE_UNAVAILABLE.exception();
    }
    if (DatabaseFailures.conflicted(thrown)) {
      // Whatever library wrapped it (HAPI's InternalErrorException among them), and never its
      // SQL in the message.
      return PassageError.VERSION_CONFLICT.exception(CONCURRENT_WRITE);
    }
    if (!withBody && (thrown instanceof DataFormatException || thrown.getCause() instanceof DataFormatException)) {
      return invalidParameter(ErrorMessages.sanitize(thrown.getMessage()));
    }
    if (thrown instanceof BaseServerResponseException hapi) {
      return translateHapi(hapi);
    }
    if (thrown instanceof DataFormatException) {
      return PassageError.MALFORMED_BODY.exception(ErrorMessages.sanitize(thrown.getMessage()));
    }
    Optional<PassageException> inputFailure = LibraryInputFailures.classify(thrown, withBody);
    if (inputFailure.isPresent()) {
      return inputFailure.get();
    }
    return internal(thrown);
  }

  /** A 500 for an unexpected exception, logged with a reference the client can quote. */
  public PassageException internal(Throwable thrown) {
    String reference = UUID.randomUUID().toString();
    log.error("Unexpected {} while processing a request (incident {})",
        thrown.getClass().getName(), reference);
    if (log.isDebugEnabled()) {
      log.debug("Stack of incident " + reference, stackOnly(thrown));
    }
    return PassageError.INTERNAL.exception(reference);
  }

  private PassageException translateHapi(BaseServerResponseException hapi) {
    String message = hapi.getMessage();
    Set<Integer> codes = ErrorMessages.hapiCodes(message);
    String clean = ErrorMessages.sanitize(message);
    if (hapi instanceof ResourceNotFoundException) {
      Matcher unknownType = UNKNOWN_TYPE.matcher(message == null ? "" : message);
      if (codes.contains(HAPI_UNKNOWN_RESOURCE_TYPE) && unknownType.find()) {
        return PassageError.UNKNOWN_RESOURCE_TYPE.exception(unknownType.group(1));
      }
      return PassageError.RESOURCE_NOT_FOUND.exception();
    }
    if (hapi instanceof ResourceGoneException) {
      return PassageError.RESOURCE_GONE.exception();
    }
    if (hapi instanceof ResourceVersionConflictException) {
      if (codes.contains(HAPI_UPDATE_NOT_CURRENT_VERSION) || codes.contains(HAPI_DELETE_NOT_CURRENT_VERSION)) {
        return PassageError.PRECONDITION_FAILED.exception();
      }
      return withIssues(PassageError.VERSION_CONFLICT, hapi, clean);
    }
    if (hapi instanceof PreconditionFailedException) {
      return PassageError.PRECONDITION_FAILED.exception();
    }
    if (hapi instanceof UnprocessableEntityException) {
      return withIssues(PassageError.UNPROCESSABLE, hapi, clean);
    }
    if (hapi instanceof PayloadTooLargeException) {
      return PassageError.BODY_TOO_LARGE.exception(clean);
    }
    if (hapi instanceof AuthenticationException) {
      return PassageError.AUTHENTICATION_REQUIRED.exception();
    }
    if (hapi instanceof ForbiddenOperationException) {
      return PassageError.FORBIDDEN.exception();
    }
    if (hapi instanceof MethodNotAllowedException) {
      return PassageError.METHOD_NOT_ALLOWED.exception();
    }
    if (hapi instanceof NotImplementedOperationException) {
      return PassageError.NOT_IMPLEMENTED.exception();
    }
    if (hapi instanceof InvalidRequestException) {
      return translateInvalidRequest(hapi, codes, clean);
    }
    if (hapi.getStatusCode() >= 500) {
      return LibraryInputFailures.classify(hapi, true).orElseGet(() -> internal(hapi));
    }
    return withIssues(PassageError.INVALID_REQUEST, hapi, clean);
  }

  private PassageException translateInvalidRequest(
      BaseServerResponseException hapi, Set<Integer> codes, String clean) {
    if (codes.contains(HAPI_FORM_CONTENT_TYPE) || codes.contains(HAPI_NO_CONTENT_TYPE)
        || codes.contains(HAPI_BAD_CONTENT_TYPE) || codes.contains(HAPI_NO_PATCH_CONTENT_TYPE)
        || codes.contains(HAPI_BAD_PATCH_CONTENT_TYPE)) {
      return PassageError.UNSUPPORTED_MEDIA_TYPE.exception();
    }
    if (codes.contains(HAPI_PARSE_FAILURE)) {
      if (WRONG_TYPE.matcher(clean).find()) {
        return PassageError.RESOURCE_TYPE_MISMATCH.exception(clean);
      }
      return PassageError.MALFORMED_BODY.exception(clean);
    }
    if (hapi.getCause() instanceof DataFormatException) {
      // Not the body (HAPI's code 450 says that): a value in the URL, a search parameter's.
      return invalidParameter(clean);
    }
    return withIssues(PassageError.INVALID_REQUEST, hapi, clean);
  }

  private static PassageException invalidParameter(String clean) {
    return PassageError.INVALID_REQUEST.exception("a search parameter's value is not in the format of its type"
        + " (a date such as 2026-12-07, a number, a token such as system|code): " + clean);
  }

  /** Keeps the issues of an OperationOutcome HAPI built (e.g. validation results), stamped. */
  private static PassageException withIssues(PassageError error, BaseServerResponseException hapi, String clean) {
    if (hapi.getOperationOutcome() instanceof OperationOutcome outcome && outcome.hasIssue()) {
      return new PassageException(error, OperationOutcomes.stamp(error, outcome.copy()));
    }
    return error.exception(clean.isEmpty() ? error.title() : clean);
  }

  /** The exception's stack and its causes' stacks, with every message (which may hold PHI) left out. */
  private static Throwable stackOnly(Throwable thrown) {
    Throwable cause = thrown.getCause() == null || thrown.getCause() == thrown ? null : stackOnly(thrown.getCause());
    Throwable copy = new Throwable(thrown.getClass().getName(), cause);
    copy.setStackTrace(thrown.getStackTrace());
    return copy;
  }
}
