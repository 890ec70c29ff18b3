package org.passagegateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class SearchPagingTest extends H2GatewayTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void whenASiteFollowsNextLinksThenEveryPageIsAnOffsetQueryAndNoSearchIsStored() {
    int storedSearches = storedSearches();
    List<String> all = ids(fhir().search().forResource(Task.class).sort().ascending("_id").count(200)
        .returnBundle(Bundle.class).execute());
    assertThat(all).hasSizeGreaterThanOrEqualTo(3);

    List<String> paged = new ArrayList<>();
    List<String> nextLinks = new ArrayList<>();
    Bundle page = fhir().search().forResource(Task.class).sort().ascending("_id").count(1)
        .returnBundle(Bundle.class).execute();
    while (true) {
      paged.addAll(ids(page));
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        break;
      }
      nextLinks.add(page.getLink(Bundle.LINK_NEXT).getUrl());
      page = fhir().loadPage().next(page).execute();
    }

    assertThat(paged).isEqualTo(all);
    assertThat(nextLinks).hasSize(all.size() - 1)
        .allSatisfy(link -> assertThat(link).contains("_offset=").doesNotContain("_getpages"));
    assertThat(storedSearches()).isEqualTo(storedSearches);
  }

  private int storedSearches() {
    return jdbc.queryForObject("select count(*) from HFJ_SEARCH", Integer.class);
  }

  private static List<String> ids(Bundle bundle) {
    return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .map(Resource::getIdElement).map(id -> id.getIdPart()).toList();
  }
}
