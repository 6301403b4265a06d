package dev.esm.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PermissionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aMaintainerAnsweredAsMaintainMayWrite() throws Exception {
    assertThat(Permissions.canWrite(answer("{\"permission\": \"maintain\", \"role_name\": \"maintain\"}"))).isTrue();
  }

  @Test
  void anUnknownPermissionFallsBackOnTheRoleThenOnTheUsersFlags() throws Exception {
    assertThat(Permissions.canWrite(answer("{\"permission\": \"custom\", \"role_name\": \"write\"}"))).isTrue();
    assertThat(Permissions.canWrite(answer(
        "{\"permission\": \"custom\", \"role_name\": \"release-manager\", \"user\": {\"permissions\": {\"push\": true}}}")))
        .isTrue();
    assertThat(Permissions.canWrite(answer(
        "{\"permission\": \"custom\", \"role_name\": \"auditor\", \"user\": {\"permissions\": {\"pull\": true, \"push\": false}}}")))
        .isFalse();
  }

  @Test
  void readersTriagersAndStrangersMayNot() throws Exception {
    assertThat(Permissions.canWrite(answer("{\"permission\": \"read\", \"role_name\": \"triage\"}"))).isFalse();
    assertThat(Permissions.canWrite(answer("{\"permission\": \"none\", \"role_name\": \"maintain\"}"))).isFalse();
    assertThat(Permissions.canWrite(null)).isFalse();
  }

  @Test
  void writersAndAdminsMay() throws Exception {
    assertThat(Permissions.canWrite(answer("{\"permission\": \"write\", \"role_name\": \"write\"}"))).isTrue();
    assertThat(Permissions.canWrite(answer("{\"permission\": \"admin\", \"role_name\": \"admin\"}"))).isTrue();
  }

  private static JsonNode answer(String json) throws Exception {
    return JSON.readTree(json);
  }
}
