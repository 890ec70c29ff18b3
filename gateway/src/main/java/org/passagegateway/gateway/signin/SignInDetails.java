package org.passagegateway.gateway.signin;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** What the sign-in form sends besides name and password: the one-time code (and, as always, the address). */
final class SignInDetails extends WebAuthenticationDetails {

  static final String CODE_PARAMETER = "code";

  private final transient String code;

  SignInDetails(HttpServletRequest request) {
    super(request);
    this.code = request.getParameter(CODE_PARAMETER);
  }

  String code() {
    return code;
  }
}
