package org.passagegateway.gateway.custody;

import ca.uhn.fhir.jpa.model.util.JpaConstants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes every FHIR write replace a resource's tags instead of adding to them, as if each request
 * said {@code X-Meta-Snapshot-Mode: TAG}. HAPI otherwise keeps every tag a resource ever had, so
 * a site that was once a party to a referral (say, one that rejected it before the requester
 * re-addressed it) would keep seeing it. The site boundary writes the full set of the gateway's
 * tags on every write, so nothing of the gateway's is lost; a client's own tags are those of the
 * version it writes, which is what FHIR's update means.
 */
final class TagSnapshotFilter extends OncePerRequestFilter {

  private static final String HEADER = JpaConstants.HEADER_META_SNAPSHOT_MODE;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public String getHeader(String name) {
        return HEADER.equalsIgnoreCase(name) ? value(super.getHeader(name)) : super.getHeader(name);
      }

      @Override
      public Enumeration<String> getHeaders(String name) {
        return HEADER.equalsIgnoreCase(name)
            ? Collections.enumeration(List.of(value(super.getHeader(name)))) : super.getHeaders(name);
      }

      @Override
      public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
        if (names.stream().noneMatch(HEADER::equalsIgnoreCase)) {
          names.add(HEADER);
        }
        return Collections.enumeration(names);
      }
    }, response);
  }

  private static String value(String sent) {
    return sent == null || sent.isBlank() ? "TAG" : sent + ",TAG";
  }
}
