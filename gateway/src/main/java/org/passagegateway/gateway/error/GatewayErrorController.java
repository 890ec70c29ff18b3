package org.passagegateway.gateway.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's white-label error page: an error outside HAPI (an unknown path, a
 * method a Spring endpoint does not take, an exception in a filter) is answered with a Passage
 * OperationOutcome too.
 */
@RestController
final class GatewayErrorController implements ErrorController {


  private final ErrorResponseWriter writer;
  private final ErrorTranslator translator;
  private final HttpLimitsProperties limits;

  GatewayErrorController(ErrorResponseWriter writer, ErrorTranslator translator, HttpLimitsProperties limits) {
    this.writer = writer;
    this.translator = translator;
    this.limits = limits;
  }

  @RequestMapping("${server.error.path:/error}")
  ResponseEntity<String> error(HttpServletRequest request) {
    return writer.entity(errorFor(request));
  }

  private PassageException errorFor(HttpServletRequest request) {
    Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (thrown instanceof Throwable throwable) {
      return translator.translate(throwable instanceof jakarta.servlet.ServletException && throwable.getCause() != null
          ? throwable.getCause() : throwable, true, CallerValues.of(request));
    }
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (!(status instanceof Integer)) {
      // The error path called directly, not forwarded to by the container.
      return PassageError.UNKNOWN_ENDPOINT.exception();
    }
    int code = (Integer) status;
    return switch (code) {
      case 400 -> PassageError.INVALID_REQUEST.exception("The request is not valid");
      case 401 -> PassageError.AUTHENTICATION_REQUIRED.exception();
      case 403 -> PassageError.FORBIDDEN.exception();
      case 404 -> PassageError.UNKNOWN_ENDPOINT.exception();
      case 405 -> PassageError.METHOD_NOT_ALLOWED.exception();
      case 413 -> PassageError.BODY_TOO_LARGE.exception(limits.maxRequestBody().toBytes());
      case 406 -> PassageError.NOT_ACCEPTABLE.exception();
      case 415 -> PassageError.UNSUPPORTED_MEDIA_TYPE.exception();
      case 501 -> PassageError.NOT_IMPLEMENTED.exception();
      default -> code < 500 ? PassageError.INVALID_REQUEST.exception("The request is not valid")
          : translator.internal(new IllegalStateException("HTTP " + code + " outside HAPI"));
    };
  }
}
