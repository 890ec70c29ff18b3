package org.passagegateway.gateway.custody;

import ca.uhn.fhir.jpa.api.dao.IDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The resources HAPI loaded to decide whether a page may include them, kept by their database id
 * while {@link VisiblePages} completes the page, so that what it shows is what was decided on and
 * each included resource is read once, not once to decide and again to show.
 */
final class LoadedResources {

  private static final String KEY = LoadedResources.class.getName();

  private final Map<JpaPid, IBaseResource> byPid = new HashMap<>();

  private LoadedResources() {}

  /** Starts keeping, for this request, what the decisions load. */
  static LoadedResources collect(RequestDetails request) {
    LoadedResources kept = new LoadedResources();
    request.getUserData().put(KEY, kept);
    return kept;
  }

  /** Keeps the resources just loaded for a decision, if {@link #collect} asked for them. */
  static void keep(RequestDetails request, List<? extends IBaseResource> loaded) {
    if (request != null && request.getUserData().get(KEY) instanceof LoadedResources kept) {
      for (IBaseResource resource : loaded) {
        JpaPid pid = IDao.RESOURCE_PID.get(resource);
        if (pid != null) {
          kept.byPid.put(pid, resource);
        }
      }
    }
  }

  /** Stops keeping. */
  void close(RequestDetails request) {
    request.getUserData().remove(KEY);
  }

  IBaseResource get(JpaPid pid) {
    return byPid.get(pid);
  }
}
