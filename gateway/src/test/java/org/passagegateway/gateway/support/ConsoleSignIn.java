package org.passagegateway.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's part in the console's sign-in, over real HTTP: its own cookie jar, redirects followed
 * by hand so that each step can be checked. The authorization-code flow with PKCE (S256), as the
 * console runs it: authorize, the sign-in form (with its CSRF token), the code at the console's
 * redirect URI, the code exchanged with its verifier.
 */
public final class ConsoleSignIn {

  public static final String CLIENT_ID = "passage-console";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient browser;
  private final String verifier;
  private final String state;

  public ConsoleSignIn(String base) {
    this.base = base;
    this.browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    this.state = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(random, 12));
  }

  public String redirectUri() {
    return base + "/console/";
  }

  /** The console's authorization request, with the PKCE challenge of this sign-in's verifier. */
  public String authorizeUrl(String scope) {
    return base + "/auth/authorize?" + form(Map.of("response_type", "code", "client_id", CLIENT_ID,
        "redirect_uri", redirectUri(), "scope", scope, "state", state, "code_challenge", challenge(verifier),
        "code_challenge_method", "S256"));
  }

  /** GET with this browser's cookies. */
  public HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  /** A form POST with this browser's cookies. */
  public HttpResponse<String> post(String url, Map<String, String> fields) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
  }

  /** The sign-in form's CSRF token, from the page. */
  public static String csrf(HttpResponse<String> page) {
    Matcher matcher = CSRF.matcher(page.body());
    if (!matcher.find()) {
      throw new IllegalStateException("no CSRF token on the page");
    }
    return matcher.group(1);
  }

  /**
   * The whole flow for a name, password and code: the code the console receives, or empty if the
   * sign-in was refused (the form came back with {@code ?failed}).
   */
  public Optional<String> signIn(String username, String password, String code, String scope) {
    HttpResponse<String> authorize = get(authorizeUrl(scope));
    expectRedirect(authorize, base + "/signin");
    HttpResponse<String> page = get(base + "/signin");
    HttpResponse<String> submitted = post(base + "/signin",
        Map.of("username", username, "password", password, "code", code, "_csrf", csrf(page)));
    String next = location(submitted);
    if (next.endsWith("/signin?failed")) {
      return Optional.empty();
    }
    HttpResponse<String> resumed = get(absolute(next));
    return codeFrom(resumed);
  }

  /** With a sign-in session already: the authorization request answers a code at once. */
  public Optional<String> authorizeAgain(String scope) {
    return codeFrom(get(authorizeUrl(scope)));
  }

  /** The code the redirect to the console carries, if that is where it goes, with this sign-in's state. */
  public Optional<String> codeFrom(HttpResponse<String> response) {
    String location = response.headers().firstValue("Location").orElse("");
    if (!location.startsWith(redirectUri() + "?")) {
      return Optional.empty();
    }
    Map<String, String> query = query(location.substring(location.indexOf('?') + 1));
    if (!state.equals(query.get("state"))) {
      throw new IllegalStateException("the state came back changed");
    }
    return Optional.ofNullable(query.get("code"));
  }

  /** The code exchanged at the token endpoint, with this sign-in's verifier (or another). */
  public HttpResponse<String> exchange(String code, String codeVerifier) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("grant_type", "authorization_code");
    fields.put("code", code);
    fields.put("redirect_uri", redirectUri());
    fields.put("client_id", CLIENT_ID);
    if (codeVerifier != null) {
      fields.put("code_verifier", codeVerifier);
    }
    return post(base + "/auth/token", fields);
  }

  public HttpResponse<String> exchange(String code) {
    return exchange(code, verifier);
  }

  /** The access token of a successful exchange. */
  public static String accessToken(HttpResponse<String> exchanged) {
    try {
      JsonNode json = JSON.readTree(exchanged.body());
      return json.path("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElseThrow(
        () -> new IllegalStateException("expected a redirect, got " + response.statusCode()));
  }

  private void expectRedirect(HttpResponse<String> response, String to) {
    String location = location(response);
    if (!absolute(location).equals(to)) {
      throw new IllegalStateException("expected a redirect to " + to + ", got one to " + location);
    }
  }

  private String absolute(String location) {
    return location.startsWith("/") ? base + location : location;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return browser.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  private static Map<String, String> query(String query) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
