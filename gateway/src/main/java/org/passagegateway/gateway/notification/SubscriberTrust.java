package org.passagegateway.gateway.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for subscribers' endpoints: the JDK's certificate authorities, plus those of a
 * PEM file the deployment names (a network that runs its own CA).
 */
final class SubscriberTrust {

  private SubscriberTrust() {}

  static SSLContext context(Path extraCertificates) {
    try {
      if (extraCertificates == null) {
        return SSLContext.getDefault();
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      defaults.init((KeyStore) null);
      int n = 0;
      for (var manager : defaults.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          for (X509Certificate authority : x509.getAcceptedIssuers()) {
            trusted.setCertificateEntry("jdk-" + n++, authority);
          }
        }
      }
      try (InputStream in = Files.newInputStream(extraCertificates)) {
        for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          trusted.setCertificateEntry("configured-" + n++, certificate);
        }
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read passage.notifications.trusted-certificates", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("passage.notifications.trusted-certificates holds no usable certificate", e);
    }
  }
}
