package org.passagegateway.gateway.error;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A database failure in a Spring endpoint (the token endpoint, the client registry, the audit
 * export, the package registry) answered as the FHIR API answers it: 503 {@code PASSAGE-9002} with
 * {@code Retry-After} when the database is unavailable, else a 500 with an incident reference.
 * Without this, Spring takes a lost database connection whose last cause is an end of stream for
 * a client that went away, and answers an empty 200.
 */
@RestControllerAdvice
final class EndpointDatabaseErrors {

  private final ErrorTranslator translator;
  private final ErrorResponseWriter writer;

  EndpointDatabaseErrors(ErrorTranslator translator, ErrorResponseWriter writer) {
    this.translator = translator;
    this.writer = writer;
  }

  @ExceptionHandler({DataAccessException.class, TransactionException.class})
  ResponseEntity<String> failed(RuntimeException failure, HttpServletRequest request) {
    return writer.entity(translator.translate(failure, true, CallerValues.of(request)));
  }
}
