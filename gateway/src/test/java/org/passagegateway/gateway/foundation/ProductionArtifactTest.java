package org.passagegateway.gateway.foundation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The production artifact (the gateway's classes and the libraries its jar names, {@code target/lib})
 * carries no demo material: no demo network, no demo client's private key; and no feature depends
 * on the demo, which only the demo build ({@code passage-gateway-demo.jar}) can load.
 */
class ProductionArtifactTest {

  private static final Path TARGET = Path.of("target");

  @Test
  void whenTheProductionLibrariesAreReadThenNoneCarriesTheDemoNetworkOrADemoKey() throws IOException {
    List<String> demoMaterial = new ArrayList<>();
    try (Stream<Path> jars = Files.list(TARGET.resolve("lib"))) {
      for (Path jar : jars.toList()) {
        try (JarFile file = new JarFile(jar.toFile())) {
          file.stream().map(entry -> entry.getName())
              .filter(name -> name.startsWith("org/passagegateway/testdata/") || name.startsWith("demo/"))
              .forEach(name -> demoMaterial.add(jar.getFileName() + "!" + name));
        }
      }
    }
    assertThat(demoMaterial).isEmpty();
    assertThat(TARGET.resolve("classes/demo")).doesNotExist();
    assertThat(TARGET.resolve("demo/passage-test-data.jar")).as("the demo build's network").exists();
  }

  @Test
  void whenTheGatewaysClassesAreReadThenOnlyTheDemoPackageKnowsTheDemo() {
    JavaClasses gateway = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.passagegateway.gateway");
    noClasses().that().resideOutsideOfPackage("org.passagegateway.gateway.demo..")
        .should().dependOnClassesThat().resideInAnyPackage("org.passagegateway.gateway.demo..", "org.passagegateway.testdata..")
        .check(gateway);
  }
}
