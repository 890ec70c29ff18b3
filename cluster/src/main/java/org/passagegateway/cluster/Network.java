package org.passagegateway.cluster;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.passagegateway.testdata.DemoNetwork;
import org.passagegateway.testdata.NetworkBuilders;

/**
 * The network the fault suite runs: what an operator's first admin sets up on an empty cluster
 * (the sites and their services in the directory, each site's client registered with its own key,
 * the receiving site's notification endpoint), then the receiving site's subscription to its inbox.
 * Referrals go from the harm reduction site to the TB service; the antenatal clinic is party to
 * none of them and tries to read them.
 */
final class Network {

  static final String SENDER = DemoNetwork.HARM_REDUCTION_SITE;
  static final String RECEIVER = DemoNetwork.TB_SERVICE;
  static final String BYSTANDER = DemoNetwork.ANTENATAL_CLINIC;
  private static final String SITE_SCOPES = "system/Patient.crus system/ServiceRequest.crus system/Task.crus "
      + "system/Consent.crus system/Subscription.crus system/Organization.rs system/HealthcareService.rs system/Endpoint.rs";
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final ObjectMapper JSON = new ObjectMapper();

  final String base;
  final Client sender;
  final Client receiver;
  final Client bystander;
  final Client auditor;
  private String subscription;

  private Network(String base, Client sender, Client receiver, Client bystander, Client auditor) {
    this.base = base;
    this.sender = sender;
    this.receiver = receiver;
    this.bystander = bystander;
    this.auditor = auditor;
  }

  /** Sets the network up through {@code base} (HAProxy) and subscribes the receiving site to {@code hook}. */
  static Network setUp(Map<String, String> env, String hook) {
    String base = env.get("PASSAGE_CLUSTER_FHIR");
    Client admin = new Client(env.get("PASSAGE_CLUSTER_ADMIN_ID"),
        Client.adminKey(Path.of(env.get("PASSAGE_CLUSTER_ADMIN_KEY")), Path.of(env.get("PASSAGE_CLUSTER_DIR"), "keys", "admin-jwks.json")),
        "system/Organization.cruds system/Endpoint.cruds system/HealthcareService.cruds", null, base);

    Bundle directory = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    for (Resource resource : DemoNetwork.resources()) {
      if (resource instanceof Organization || resource instanceof HealthcareService service && service.getExtension().isEmpty()) {
        String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        directory.addEntry().setFullUrl(url).setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
      }
    }
    require(admin.send(base, "POST", "/fhir", "application/fhir+json", FHIR.newJsonParser().encodeResourceToString(directory)),
        "the directory");

    Client sender = register(admin, base, "cluster-" + SENDER, "site", SENDER, SITE_SCOPES, "TREAT");
    Client receiver = register(admin, base, "cluster-" + RECEIVER, "site", RECEIVER, SITE_SCOPES, "TREAT");
    Client bystander = register(admin, base, "cluster-" + BYSTANDER, "site", BYSTANDER, SITE_SCOPES, "TREAT");
    Client auditor = register(admin, base, "cluster-auditor", "auditor", null, "system/AuditEvent.crs system/Consent.rs", null);

    String endpointId = "ep-cluster-" + UUID.randomUUID().toString().substring(0, 8);
    Endpoint endpoint = NetworkBuilders.endpoint(endpointId, RECEIVER, hook);
    require(admin.send(base, "PUT", "/fhir/Endpoint/" + endpointId, "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(endpoint)), "the receiver's endpoint");
    Organization site = FHIR.newJsonParser().parseResource(Organization.class,
        require(admin.get(base, "/fhir/Organization/" + RECEIVER), "the receiving site").body());
    site.getEndpoint().clear();
    site.addEndpoint(new Reference("Endpoint/" + endpointId));
    require(admin.send(base, "PUT", "/fhir/Organization/" + RECEIVER, "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(site)), "the receiving site's endpoint reference");

    Subscription subscription = new Subscription();
    subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED).setReason("Referral inbox")
        .setCriteria("Task?owner=Organization/" + RECEIVER);
    subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(hook)
        .setPayload("application/fhir+json").getPayloadElement().addExtension(
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content", new CodeType("id-only"));
    Client.Answer subscribed = require(receiver.send(base, "POST", "/fhir/Subscription", "application/fhir+json",
        FHIR.newJsonParser().encodeResourceToString(subscription)), "the receiving site's subscription");
    Network network = new Network(base, sender, receiver, bystander, auditor);
    network.subscription = FHIR.newJsonParser().parseResource(Subscription.class, subscribed.body()).getIdElement().getIdPart();
    return network;
  }

  /** Turns the receiving site's subscription off: its receiver is going away. */
  void unsubscribe() {
    Client.Answer current = receiver.get(base, "/fhir/Subscription/" + subscription);
    if (current.ok()) {
      Subscription off = FHIR.newJsonParser().parseResource(Subscription.class, current.body());
      off.setStatus(Subscription.SubscriptionStatus.OFF);
      receiver.send(base, "PUT", "/fhir/Subscription/" + subscription, "application/fhir+json",
          FHIR.newJsonParser().encodeResourceToString(off));
    }
  }

  private static Client register(Client admin, String base, String clientId, String role, String site, String scopes,
      String purposeOfUse) {
    ECKey key = Client.newKey(clientId);
    Client client = new Client(clientId, key, scopes, purposeOfUse, base);
    ObjectNode registration = JSON.createObjectNode().put("role", role).put("scope", scopes);
    if (site != null) {
      registration.put("organization", "Organization/" + site);
    }
    try {
      registration.set("jwks", JSON.readTree(client.publicJwks()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    require(admin.send(base, "PUT", "/admin/clients/" + clientId, "application/json", registration.toString()),
        "the client " + clientId);
    return client;
  }

  static Client.Answer require(Client.Answer answer, String what) {
    if (!answer.ok()) {
      throw new IllegalStateException("setting up " + what + " failed: " + answer.status() + " " + answer.body());
    }
    return answer;
  }
}
