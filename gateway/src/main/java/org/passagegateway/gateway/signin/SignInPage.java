package org.passagegateway.gateway.signin;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in and sign-out pages: plain HTML forms (no script), labelled for screen readers, in
 * the console's language and look, with the session's CSRF token. The form posts to Spring
 * Security's form login, which {@link SignInAttempts} decides.
 */
@Controller
final class SignInPage {

  /** Only the console's own stylesheet; no script, no frame, forms only to the gateway itself. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self';"
      + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final ConsoleCatalogue catalogue;
  private final SignInProperties properties;
  private final ExternalProviderProperties provider;

  SignInPage(ConsoleCatalogue catalogue, SignInProperties properties, ExternalProviderProperties provider) {
    this.catalogue = catalogue;
    this.properties = properties;
    this.provider = provider;
  }

  /**
   * Reached only when a sign-in through the provider could not begin (its discovery document could
   * not be read, or none is configured): back to the sign-in page, which says so.
   */
  @GetMapping(path = ExternalProvider.START_PATH + "/" + ExternalProvider.REGISTRATION_ID)
  ResponseEntity<Void> providerUnavailable() {
    return ResponseEntity.status(302).header("Location", provider.enabled() ? "/signin?unavailable" : "/signin")
        .cacheControl(CacheControl.noStore()).build();
  }

  @GetMapping(path = "/signin", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> signIn(HttpServletRequest request) {
    ConsoleCatalogue.Texts t = catalogue.texts(request);
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(e(t.get("signin.title"))).append("</h1>\n");
    if (request.getParameter("failed") != null) {
      body.append(alert(t.get("signin.failed")));
    } else if (request.getParameter("refused") != null && provider.enabled()) {
      body.append(alert(t.get("signin.providerRefused")));
    } else if (request.getParameter("unavailable") != null && provider.enabled()) {
      body.append(alert(t.get("signin.providerUnavailable")));
    } else if (request.getParameter("signedout") != null) {
      body.append("<p class=\"notice\" role=\"status\">").append(e(t.get("signin.signedOut"))).append("</p>\n");
    }
    body.append("<p>").append(e(t.get("signin.intro"))).append("</p>\n");
    if (provider.enabled()) {
      // A link, not a form: the page's form-action allows only the gateway, and the provider is elsewhere.
      body.append("<p><a class=\"provider\" id=\"signin-provider\" href=\"").append(ExternalProvider.START_PATH)
          .append('/').append(ExternalProvider.REGISTRATION_ID).append("\">")
          .append(e(t.get("signin.provider").replace("{name}", provider.name()))).append("</a></p>\n");
    }
    if (!properties.passwordSignIn()) {
      return page(t, t.get("signin.title"), body.toString());
    }
    if (provider.enabled()) {
      body.append("<p>").append(e(t.get("signin.providerOr"))).append("</p>\n");
    }
    body.append("<form method=\"post\" action=\"/signin\">\n")
        .append(csrf(request))
        .append(field("username", "text", t.get("signin.username"), "username", " autocapitalize=\"none\" spellcheck=\"false\""))
        .append(field("password", "password", t.get("signin.password"), "current-password", ""))
        .append(field(SignInDetails.CODE_PARAMETER, "text", t.get("signin.code"), "one-time-code",
            " inputmode=\"numeric\" pattern=\"[0-9]{6}\" maxlength=\"6\""))
        .append("<button type=\"submit\">").append(e(t.get("signin.submit"))).append("</button>\n</form>\n");
    return page(t, t.get("signin.title"), body.toString());
  }

  @GetMapping(path = "/signout", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> signOut(HttpServletRequest request) {
    ConsoleCatalogue.Texts t = catalogue.texts(request);
    String body = "<h1>" + e(t.get("signout.title")) + "</h1>\n<p>" + e(t.get("signout.confirm")) + "</p>\n"
        + "<form method=\"post\" action=\"/signout\">\n" + csrf(request)
        + "<button type=\"submit\">" + e(t.get("signout.submit")) + "</button>\n</form>\n";
    return page(t, t.get("signout.title"), body);
  }

  private static String alert(String text) {
    return "<p class=\"alert\" role=\"alert\" id=\"signin-error\">" + e(text) + "</p>\n";
  }

  private static String field(String name, String type, String label, String autocomplete, String extra) {
    return "<p><label for=\"" + name + "\">" + e(label) + "</label>\n<input id=\"" + name + "\" name=\"" + name
        + "\" type=\"" + type + "\" autocomplete=\"" + autocomplete + "\" required" + extra + "></p>\n";
  }

  private static String csrf(HttpServletRequest request) {
    CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    return token == null ? "" : "<input type=\"hidden\" name=\"" + e(token.getParameterName()) + "\" value=\""
        + e(token.getToken()) + "\">\n";
  }

  private static ResponseEntity<String> page(ConsoleCatalogue.Texts t, String title, String body) {
    String html = "<!doctype html>\n<html lang=\"" + e(t.language()) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + e(title) + " – "
        + e(t.get("app.title")) + "</title>\n<link rel=\"stylesheet\" href=\"/console/signin.css\">\n</head>\n"
        + "<body>\n<main class=\"signin\">\n" + body + "</main>\n</body>\n</html>\n";
    // Its Content-Security-Policy and Referrer-Policy are the sign-in chain's (SignInConfiguration).
    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(html);
  }

  private static String e(String text) {
    return HtmlUtils.htmlEscape(text);
  }
}
