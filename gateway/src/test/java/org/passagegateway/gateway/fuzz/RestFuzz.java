package org.passagegateway.gateway.fuzz;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.passagegateway.gateway.support.AccessTokens;
import org.passagegateway.gateway.support.Pseudonyms;
import org.passagegateway.gateway.support.RawHttp;

/**
 * A fuzzing run over a running gateway with the demo network: {@code requests} requests made by
 * {@link RequestGenerator} from the gateway's own OpenAPI description, sent over a socket as each
 * demo client, nobody and a forged token, and judged by {@link AnswerOracle}.
 *
 * <p>Home-made on purpose: none of the REST fuzzers that generate from an OpenAPI description
 * (Schemathesis, RESTler, CATS, EvoMaster) is served by the package registries this project may use
 * (Maven Central, npm, Debian). Run it with {@code scripts/fuzz}; a seed-fixed slice runs in the
 * tests ({@code RestApiFuzzTest}).
 */
public final class RestFuzz {

  /** What a run found: answers by status, and every finding. */
  public record Report(long seed, int requests, Map<Integer, Integer> statuses, List<AnswerOracle.Finding> findings) {

    /** Counts, then up to five findings of each kind with the request that made them. */
    public String summary() {
      Map<AnswerOracle.Kind, List<AnswerOracle.Finding>> byKind = new EnumMap<>(AnswerOracle.Kind.class);
      findings.forEach(finding -> byKind.computeIfAbsent(finding.kind(), kind -> new ArrayList<>()).add(finding));
      StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
          "fuzzing run: seed %d, %d requests; answers by status %s%n", seed, requests, statuses));
      for (AnswerOracle.Kind kind : AnswerOracle.Kind.values()) {
        List<AnswerOracle.Finding> found = byKind.getOrDefault(kind, List.of());
        text.append(String.format(Locale.ROOT, "%s: %d%n", kind, found.size()));
        found.stream().limit(5).forEach(finding -> text.append("  ").append(finding.status()).append(' ')
            .append(finding.detail()).append("\n    ").append(finding.request().describe()).append('\n'));
      }
      return text.toString();
    }
  }

  private RestFuzz() {}

  /** Runs requests {@code 0 .. requests-1} of {@code seed} against the gateway at {@code base} (http://host:port). */
  public static Report run(String base, long seed, int requests) throws IOException {
    URI uri = URI.create(base);
    RawHttp admin = new RawHttp(base, () -> token(base, uri.getPort(), "demo-admin"));
    RawHttp.Response description = admin.get("/fhir/api-docs");
    if (description.status() != 200) {
      throw new IOException("GET /fhir/api-docs: HTTP " + description.status());
    }
    RawHttp site = new RawHttp(base, () -> token(base, uri.getPort(), "demo-site-hr-1"));
    List<String> pseudonyms = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      pseudonyms.add(Pseudonyms.issue(site));
    }
    RequestGenerator generator = new RequestGenerator(seed, ApiSurface.of(description.body()), pseudonyms);
    WireHttp wire = new WireHttp(uri.getHost(), uri.getPort());
    AnswerOracle oracle = new AnswerOracle();
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<AnswerOracle.Finding> findings = new ArrayList<>();
    for (int number = 0; number < requests; number++) {
      FuzzRequest request = withToken(generator.request(number), base, uri.getPort());
      WireHttp.Answer answer;
      try {
        answer = wire.exchange(request);
      } catch (IOException noAnswer) {
        findings.add(new AnswerOracle.Finding(AnswerOracle.Kind.NO_ANSWER, request, 0, noAnswer.toString()));
        continue;
      }
      statuses.merge(answer.status(), 1, Integer::sum);
      findings.addAll(oracle.judge(request, answer));
    }
    return new Report(seed, requests, statuses, findings);
  }

  private static FuzzRequest withToken(FuzzRequest request, String base, int port) {
    if (request.role().equals("anonymous") || request.role().equals("forged")) {
      return request;
    }
    List<String[]> headers = new ArrayList<>(request.headers());
    headers.add(0, new String[] {"Authorization", "Bearer " + token(base, port, request.role())});
    return new FuzzRequest(request.number(), request.role(), request.operation(), request.method(), request.target(),
        headers, request.body(), request.sent());
  }

  private static String token(String base, int port, String clientId) {
    return AccessTokens.cached(new RawHttp(base), port, clientId);
  }

  /** {@code RestFuzz <base> <seed> <requests>}: prints the report; exits 1 when anything was found. */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: RestFuzz <http://host:port> <seed> <requests>");
      System.exit(2);
    }
    Report report = run(args[0], Long.parseLong(args[1]), Integer.parseInt(args[2]));
    System.out.print(report.summary());
    System.out.println(report.findings().isEmpty() ? "nothing found" : report.findings().size() + " findings: "
        + report.findings().stream().map(f -> f.kind().name()).distinct().collect(Collectors.joining(", ")));
    System.exit(report.findings().isEmpty() ? 0 : 1);
  }
}
