package org.passagegateway.gateway.foundation;

import java.nio.file.Path;
import org.passagegateway.gateway.support.H2GatewayTest;
import org.passagegateway.gateway.support.RunningGateway;

class RestartOnH2Test implements RestartContract {

  private final Path dataDir = H2GatewayTest.newDataDir();

  @Override
  public RunningGateway startGateway() {
    return RunningGateway.start(H2GatewayTest.h2Url(dataDir), "sa", "");
  }
}
