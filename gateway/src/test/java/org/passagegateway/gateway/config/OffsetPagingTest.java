package org.passagegateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import org.junit.jupiter.api.Test;

class OffsetPagingTest {

  private final OffsetPaging paging = new OffsetPaging(20, 200);

  @Test
  void whenASearchGivesNoCountThenItBecomesAnOffsetQueryOfTheDefaultPageSize() {
    SearchParameterMap search = new SearchParameterMap();
    paging.offsetQuery(search, null);
    assertThat(search.getOffset()).isZero();
    assertThat(search.getCount()).isEqualTo(20);
  }

  @Test
  void whenASearchAsksForMoreThanTheMaximumPageThenItGetsTheMaximum() {
    SearchParameterMap search = new SearchParameterMap();
    search.setCount(5000);
    search.setOffset(40);
    paging.offsetQuery(search, null);
    assertThat(search.getOffset()).isEqualTo(40);
    assertThat(search.getCount()).isEqualTo(200);
  }

  @Test
  void whenASearchIsSynchronousThenItIsLeftAlone() {
    SearchParameterMap search = SearchParameterMap.newSynchronous();
    paging.offsetQuery(search, null);
    assertThat(search.getOffset()).isNull();
    assertThat(search.getCount()).isNull();
  }
}
