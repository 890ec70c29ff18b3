package org.passagegateway.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.passagegateway.gateway.security.Role;
import org.passagegateway.gateway.signin.PersonAccount;
import org.passagegateway.gateway.signin.PersonAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creates the demo network's people (an auditor and an admin who sign in to the console) from
 * {@code demo/people.json} in the test-data module, those without an account yet: an account
 * that exists is never changed (an admin may have disabled it). Their passwords and second-factor
 * secrets are published in that file, for the demo and nothing else.
 */
final class DemoPeopleLoader {

  static final String RESOURCE = "demo/people.json";
  private static final Logger log = LoggerFactory.getLogger(DemoPeopleLoader.class);

  private final PersonAccounts accounts;
  private final PasswordEncoder passwords;

  DemoPeopleLoader(PersonAccounts accounts, PasswordEncoder passwords) {
    this.accounts = accounts;
    this.passwords = passwords;
  }

  void load() {
    int added = 0;
    JsonNode people = read();
    for (JsonNode person : people) {
      String username = person.get("username").asText();
      if (accounts.exists(username)) {
        continue;
      }
      if (accounts.create(PersonAccount.withPassword(username, Role.fromCode(person.get("role").asText()),
          passwords.encode(person.get("password").asText()), person.get("totp_secret").asText()), Instant.now())) {
        added++;
      }
    }
    log.info("Demo people's accounts created: {} of {} (the others existed)", added, people.size());
  }

  private static JsonNode read() {
    try (InputStream in = DemoPeopleLoader.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
