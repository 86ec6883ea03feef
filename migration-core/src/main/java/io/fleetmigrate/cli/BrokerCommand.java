package io.fleetmigrate.cli;

import io.fleetmigrate.config.FleetHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet broker}: an embedded ActiveMQ Artemis broker for small setups, persistent in the data
 * directory (a broker restart loses no partition request). Larger setups use their own Artemis.
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Run an embedded ActiveMQ Artemis broker for remote runs (small setups).",
    description = {
      "Listens for JMS clients (campaign run --remote, fleet worker) until stopped (Ctrl-C, SIGTERM). Messages are kept in"
          + " DATA_DIR/broker. It has no authentication: bind it to a private network, or use your own Artemis for more."
    })
class BrokerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:61616",
      description = "Where to listen (default: ${DEFAULT-VALUE}; 0.0.0.0:61616 for all interfaces).")
  String bind;

  @Override
  public Integer call() throws Exception {
    if (!bind.matches("[^:/\\s]+:\\d{1,5}")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bind must be HOST:PORT, not '" + bind + "'");
    }
    // Artemis logs every connection at INFO; the operator wants warnings and errors only.
    if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
    FleetHome home = FleetCommand.of(spec).home();
    Path dir = home.dir().resolve("broker");
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new DataDirException("cannot use " + dir + " for the broker's journal (" + e + ")", e);
    }
    Configuration config = new ConfigurationImpl()
        .setPersistenceEnabled(true)
        .setJournalType(JournalType.NIO)
        .setJournalDirectory(dir.resolve("journal").toString())
        .setBindingsDirectory(dir.resolve("bindings").toString())
        .setPagingDirectory(dir.resolve("paging").toString())
        .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
        .setSecurityEnabled(false)
        .setJMXManagementEnabled(false)
        // A request whose worker died is redelivered after a second; after 10 deliveries it is dead-lettered.
        .addAddressSetting("#", new AddressSettings().setRedeliveryDelay(1000).setMaxDeliveryAttempts(10)
            .setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of("DLQ"))
            .setAutoCreateDeadLetterResources(true)
            .setAutoCreateQueues(true).setAutoCreateAddresses(true));
    config.addAcceptorConfiguration("fleet", "tcp://" + bind);
    EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
    broker.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        broker.stop();
      } catch (Exception e) {
        // stopping anyway
      } finally {
        stopped.countDown();
      }
    }, "fleet-broker-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    spec.commandLine().getOut().println("Broker listening on tcp://" + bind + " (journal in " + dir + "); stop with Ctrl-C");
    spec.commandLine().getOut().flush();
    stopped.await();
    return ExitCode.OK.code();
  }
}
