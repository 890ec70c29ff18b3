package org.passagegateway.gateway.signin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's message catalogue ({@code console/public/i18n/<language>.json}, served with the
 * console), read by the pages the gateway renders itself for the console (sign-in, sign-out), so
 * that a network translates every text of the console in one place. The language is the first of
 * the browser's that the catalogue has, else English.
 */
final class ConsoleCatalogue {

  static final String LOCATION = "META-INF/resources/console/i18n/";
  private static final String FALLBACK = "en";

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Map<String, String>> languages = new ConcurrentHashMap<>();

  /** The language and texts for the request. */
  Texts texts(HttpServletRequest request) {
    for (Locale locale : Collections.list(request.getLocales())) {
      String language = locale.getLanguage();
      if (language.matches("[a-z]{2,3}")) {
        Map<String, String> texts = load(language);
        if (!texts.isEmpty()) {
          return new Texts(language, texts);
        }
      }
    }
    return new Texts(FALLBACK, load(FALLBACK));
  }

  private Map<String, String> load(String language) {
    return languages.computeIfAbsent(language, key -> {
      try (InputStream in = ConsoleCatalogue.class.getClassLoader().getResourceAsStream(LOCATION + key + ".json")) {
        return in == null ? Map.of() : Map.copyOf(json.readValue(in, new TypeReference<Map<String, String>>() {}));
      } catch (IOException e) {
        throw new UncheckedIOException("the console's message catalogue " + key + " cannot be read", e);
      }
    });
  }

  /** One language's texts; a key it lacks shows as the key, so a gap in a translation is visible. */
  record Texts(String language, Map<String, String> texts) {
    String get(String key) {
      return texts.getOrDefault(key, key);
    }
  }
}
