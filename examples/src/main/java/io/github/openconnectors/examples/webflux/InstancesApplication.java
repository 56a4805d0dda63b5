package io.github.openconnectors.examples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Serves the tenant's connector instances under {@code /api/instances}.
 *
 * <pre>
 * OPEN_CONNECTORS_BASE_URL=... OPEN_CONNECTORS_USER_SECRET=... OPEN_CONNECTORS_ORGANIZATION_SECRET=... \
 *     java -jar examples/target/openconnectors-examples-0.1.0-SNAPSHOT-webapp.jar
 * curl -N localhost:8081/api/instances
 * </pre>
 */
@SpringBootApplication
public class InstancesApplication {

  /**
   * Starts the application.
   *
   * @param args Spring Boot's command line, such as {@code --server.port=8082}
   */
  public static void main(String[] args) {
    SpringApplication.run(InstancesApplication.class, args);
  }
}
