package org.passagegateway.gateway.support;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Plain HTTP calls for malformed or unusual requests, with the answer parsed when it is FHIR. */
public final class RawHttp {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private final String base;
  private final Supplier<String> token;

  public RawHttp(String base) {
    this(base, null);
  }

  /** Requests carrying {@code Authorization: Bearer <token>}, unless a request names its own. */
  public RawHttp(String base, Supplier<String> token) {
    this.base = base;
    this.token = token;
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  /** A request with extra headers (name, value, name, value, ...). */
  public Response send(String method, String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    boolean authorization = false;
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
      authorization |= headers[i].equalsIgnoreCase("Authorization");
    }
    if (token != null && !authorization) {
      request.header("Authorization", "Bearer " + token.get());
    }
    return send(request.build());
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.body(), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP answer. */
  public record Response(int status, String contentType, String body, java.util.Map<String, java.util.List<String>> headers) {

    /** The first value of a response header, or null. */
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    /** The body as an OperationOutcome (fails the test if it is not one). */
    public OperationOutcome outcome() {
      return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, body);
    }

    /** The Passage code of the first issue, e.g. PASSAGE-1001. */
    public String passageCode() {
      return outcome().getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }
  }
}
