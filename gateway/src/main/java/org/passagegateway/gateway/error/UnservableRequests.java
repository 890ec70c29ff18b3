package org.passagegateway.gateway.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What no endpoint can serve, refused before any does, the same way everywhere:
 *
 * <ul>
 *   <li>a query or a POSTed form body that is not validly percent-encoded ({@code %} not followed
 *       by two hex digits): 400, where HAPI would fail and Tomcat would drop the parameter;
 *   <li>RDF (Turtle), which HAPI knows but this gateway does not serve (it carries no RDF library):
 *       asked for with {@code _format}, 406; among the types of {@code Accept}, left out, so that
 *       the answer is FHIR JSON or XML as for any other type the gateway does not serve.
 * </ul>
 */
public final class UnservableRequests extends OncePerRequestFilter {

  private static final Pattern BAD_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");
  private static final Pattern RDF = Pattern.compile("(?i)(turtle|ttl|rdf)");
  /** Tomcat's request attribute for parameters it failed to decode (its {@code Globals.PARAMETER_PARSE_FAILED_ATTR}). */
  private static final String PARAMETER_PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

  private final ErrorResponseWriter writer;

  public UnservableRequests(ErrorResponseWriter writer) {
    this.writer = writer;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String query = request.getQueryString();
    if (query != null && BAD_PERCENT.matcher(query).find()) {
      writer.write(response, PassageError.INVALID_REQUEST.exception("The query is not validly percent-encoded"));
      return;
    }
    if (query != null && asksRdf(query)) {
      writer.write(response, PassageError.NOT_ACCEPTABLE.exception());
      return;
    }
    if (isFormPost(request)) {
      request.getParameterMap();
      if (request.getAttribute(PARAMETER_PARSE_FAILED) != null) {
        // Tomcat drops a form parameter it cannot decode; a search would then run without it.
        writer.write(response, PassageError.INVALID_REQUEST.exception("The form body is not validly percent-encoded"));
        return;
      }
    }
    String accept = request.getHeader("Accept");
    chain.doFilter(accept != null && RDF.matcher(accept).find() ? new WithoutRdf(request, accept) : request, response);
  }

  private static boolean isFormPost(HttpServletRequest request) {
    String type = request.getContentType();
    return "POST".equals(request.getMethod()) && type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static boolean asksRdf(String query) {
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("_format=") && RDF.matcher(parameter).find()) {
        return true;
      }
    }
    return false;
  }

  /** The request with the RDF types left out of its Accept header. */
  private static final class WithoutRdf extends HttpServletRequestWrapper {

    private final String accept;

    WithoutRdf(HttpServletRequest request, String accept) {
      super(request);
      this.accept = Arrays.stream(accept.split(",")).filter(type -> !RDF.matcher(type).find())
          .collect(Collectors.joining(","));
    }

    @Override
    public String getHeader(String name) {
      return isAccept(name) ? (accept.isBlank() ? null : accept) : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      if (!isAccept(name)) {
        return super.getHeaders(name);
      }
      return accept.isBlank() ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(accept));
    }

    private static boolean isAccept(String name) {
      return name.toLowerCase(Locale.ROOT).equals("accept");
    }
  }
}
