package org.passagegateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PassageResourceTypesTest {

  private final PassageResourceTypes types = new PassageResourceTypes(
      new MockEnvironment().withProperty("passage.fhir.resource-types", "Patient,Task,List"));

  @Test
  void whenABeanIsTheDaoOrProviderOfAnUnregisteredTypeThenItIsRemoved() {
    assertThat(types.isUnusedTypeBean("myMedicationDaoR4")).isTrue();
    assertThat(types.isUnusedTypeBean("myGroupRpR4")).isTrue();
  }

  @Test
  void whenABeanServesARegisteredTypeOrIsNoTypeBeanThenItStays() {
    assertThat(types.isUnusedTypeBean("myPatientDaoR4")).isFalse();
    assertThat(types.isUnusedTypeBean("myTaskRpR4")).isFalse();
    // HAPI names the List type's beans "myListResource…".
    assertThat(types.isUnusedTypeBean("myListResourceDaoR4")).isFalse();
    // "System" is no resource type: HAPI's system DAO must stay.
    assertThat(types.isUnusedTypeBean("mySystemDaoR4")).isFalse();
    assertThat(types.isUnusedTypeBean("myResourceProvidersR4")).isFalse();
  }
}
