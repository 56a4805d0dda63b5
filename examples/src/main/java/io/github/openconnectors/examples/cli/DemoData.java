package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;

/**
 * The embedded emulator of the demo: the help page's secrets, three named instances and as many
 * generated ones as asked for.
 */
final class DemoData {

  /** A CRM instance with contacts, whose token is the help page's example. */
  static final long CRM_INSTANCE = 1234;

  /** The instance whose writes the demo receives as events. */
  static final long EVENTS_INSTANCE = 1235;

  /** Its connector resource the demo lists. */
  static final String CRM_RESOURCE = "crm/contacts";

  private DemoData() {}

  static OpenConnectorsEmulator start(String host, int port, long generatedInstances) {
    return OpenConnectorsEmulator.builder()
        .host(host)
        .port(port)
        .instances(generatedInstances)
        .userSecret(DemoCredentials.USER)
        .organizationSecret(DemoCredentials.ORGANIZATION)
        .instance(
            EmulatedInstance.builder(CRM_INSTANCE, DemoCredentials.TOKEN)
                .name("Salesforce Sales EU")
                .element("sfdc", "Salesforce", "crm")
                .tags("prod", "eu", "sales")
                .records(25)
                .build())
        .instance(
            EmulatedInstance.builder(1235, InstanceToken.of("demo-zendesk-token-1235"))
                .name("Zendesk Kundenservice Köln")
                .element("zendesk", "Zendesk", "helpdesk")
                .tags("prod", "eu", "support")
                .build())
        .instance(
            EmulatedInstance.builder(1236, InstanceToken.of("demo-box-token-1236"))
                .name("Box 東京 Documents")
                .element("box", "Box", "documents")
                .tags("staging", "apac")
                .disabled(true)
                .build())
        .start();
  }
}
