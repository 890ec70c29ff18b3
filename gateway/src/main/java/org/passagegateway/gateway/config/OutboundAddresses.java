package org.passagegateway.gateway.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The one rule for where the gateway itself may connect on a site's word (a subscriber's
 * notification endpoint, a client's JWKS URL): only to hosts all of whose addresses are public,
 * never to a loopback, private, link-local, shared, multicast or otherwise internal one, unless the
 * deployment allows it (tests, a demo on one machine). The host is resolved again at each check.
 */
public final class OutboundAddresses {

  private final boolean allowPrivateAddresses;

  public OutboundAddresses(boolean allowPrivateAddresses) {
    this.allowPrivateAddresses = allowPrivateAddresses;
  }

  public boolean allowsPrivateAddresses() {
    return allowPrivateAddresses;
  }

  /** Whether every address the URL's host resolves to is a public one (or internal ones are allowed). */
  public boolean reachable(String url) {
    if (allowPrivateAddresses) {
      return true;
    }
    try {
      String host = URI.create(url).getHost();
      if (host == null) {
        return false;
      }
      for (InetAddress resolved : InetAddress.getAllByName(host)) {
        if (internal(resolved)) {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException | UnknownHostException unresolvable) {
      return false;
    }
  }

  static boolean internal(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      return (bytes[0] & 0xfe) == 0xfc; // fc00::/7, unique local
    }
    int first = bytes[0] & 0xff;
    int second = bytes[1] & 0xff;
    return first == 0 || (first == 100 && second >= 64 && second <= 127) // 0.0.0.0/8, 100.64.0.0/10 (shared)
        || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // 192.0.0.0/24 (protocol assignments)
        || first >= 240; // 240.0.0.0/4 and broadcast
  }
}
