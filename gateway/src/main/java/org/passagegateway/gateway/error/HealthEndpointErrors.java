package org.passagegateway.gateway.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The health endpoints answer a path they do not know (a health component or group that does not
 * exist, {@code /actuator/health/anything}) with an empty 404 of Spring Boot's own; the gateway
 * answers it as every other unknown address, with {@code PASSAGE-1006} in an OperationOutcome.
 * Answers with a body pass unchanged.
 */
final class HealthEndpointErrors extends OncePerRequestFilter {

  private final ErrorResponseWriter writer;

  HealthEndpointErrors(ErrorResponseWriter writer) {
    this.writer = writer;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/actuator/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, answer);
    if (answer.getStatus() == HttpServletResponse.SC_NOT_FOUND && answer.getContentSize() == 0 && !response.isCommitted()) {
      answer.resetBuffer();
      writer.write(response, PassageError.UNKNOWN_ENDPOINT.exception());
      return;
    }
    answer.copyBodyToResponse();
  }
}
