package org.passagegateway.gateway.indicators;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Organization;
import org.passagegateway.gateway.error.ResourceIds;
import org.passagegateway.terminology.PassageTerminology;

/**
 * The member sites as indicators name them, read from the directory once per evaluation: a site's
 * public site code (never its resource id) and its kind. Ids and kinds are written into SQL as
 * literals only when they have a FHIR id's shape, in which no quote can be.
 */
final class SiteDirectory {

  private record Site(String code, String type) {}

  private final Map<String, Site> sites;

  private SiteDirectory(Map<String, Site> sites) {
    this.sites = sites;
  }

  static SiteDirectory read(DaoRegistry daos) {
    Map<String, Site> sites = new LinkedHashMap<>();
    List<IBaseResource> organizations = daos.getResourceDao("Organization")
        .search(SearchParameterMap.newSynchronous(), new SystemRequestDetails()).getAllResources();
    for (IBaseResource resource : organizations) {
      Organization organization = (Organization) resource;
      String id = organization.getIdElement().getIdPart();
      if (!ResourceIds.isFhirId(id)) {
        continue;
      }
      String code = organization.getIdentifier().stream().filter(i -> PassageTerminology.SITE_CODE.equals(i.getSystem()))
          .map(i -> i.getValue()).filter(v -> v != null).findFirst().orElse(Dimension.UNKNOWN);
      String type = organization.getType().stream().flatMap(t -> t.getCoding().stream())
          .filter(c -> PassageTerminology.SITE_TYPE.equals(c.getSystem())).map(c -> c.getCode()).findFirst()
          .filter(ResourceIds::isFhirId).orElse(Dimension.UNKNOWN);
      sites.put(id, new Site(code, type));
    }
    return new SiteDirectory(distinctCodes(sites));
  }

  /**
   * Every site its own stratum: where two Organizations carry the same site code (or none), the
   * second and later get {@code #2}, {@code #3}… in id order, so that no stratum adds two sites'
   * counts while the sums still hold.
   */
  private static Map<String, Site> distinctCodes(Map<String, Site> sites) {
    Map<String, Integer> seen = new java.util.HashMap<>();
    Map<String, Site> distinct = new LinkedHashMap<>();
    sites.keySet().stream().sorted().forEach(id -> {
      Site site = sites.get(id);
      int n = seen.merge(site.code(), 1, Integer::sum);
      distinct.put(id, n == 1 ? site : new Site(site.code() + "#" + n, site.type()));
    });
    return distinct;
  }

  static SiteDirectory of(Map<String, String[]> codeAndTypeById) {
    Map<String, Site> sites = new LinkedHashMap<>();
    codeAndTypeById.forEach((id, site) -> sites.put(id, new Site(site[0], site[1])));
    return new SiteDirectory(sites);
  }

  /** The site's code, for an Organization id (open and unknown stay as they are). */
  String code(String organizationId) {
    Site site = sites.get(organizationId);
    return site == null ? organizationId : site.code();
  }

  /** The ids of the sites of these kinds, as SQL literals ('-' when there is none, which no id is). */
  String idsOfType(List<String> types) {
    String ids = sites.entrySet().stream().filter(e -> types.contains(e.getValue().type()))
        .map(e -> "'" + e.getKey() + "'").collect(Collectors.joining(", "));
    return ids.isEmpty() ? "'-'" : ids;
  }

  /** The receiving site's kind: its owner's, or for an open referral the kind it is addressed to. */
  String siteTypeSql() {
    StringBuilder sql = new StringBuilder("case");
    sites.forEach((id, site) -> sql.append(" when f.owner = '").append(id).append("' then '").append(site.type()).append("'"));
    return sql.append(" else coalesce(f.performer_type, 'unknown') end").toString();
  }
}
