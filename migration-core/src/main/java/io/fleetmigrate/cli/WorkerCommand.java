package io.fleetmigrate.cli;

import io.fleetmigrate.batch.WorkerProcess;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet worker}: takes partition requests of remote runs from the broker and runs them, each
 * on one of its build lanes, until stopped. Its data directory holds its own workspaces and logs;
 * outcomes go to the shared database.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Run a worker of remote campaign runs (see campaign run --remote).",
    description = {
      "Needs the shared database (--db-url) and the broker (--broker-url). Runs up to --lanes builds at once and takes"
          + " FLEET_PREFETCH (default 2) more shards than that, so that their clone, recipe and delivery overlap the"
          + " builds; each repository goes through the whole pipeline, with this worker's own recipe lane. A request is acknowledged only when its"
          + " shard is done, so if this process dies its shards go to another worker, which resumes them."
          + " Stop it with Ctrl-C or SIGTERM."
    })
class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--lanes", paramLabel = "N", defaultValue = "2",
      description = "Builds this worker runs at once, its build lanes (default: ${DEFAULT-VALUE}).")
  int lanes;

  @Override
  public Integer call() throws Exception {
    if (lanes < 1 || lanes > 64) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--lanes must be between 1 and 64");
    }
    FleetCommand.of(spec).buildSettings(); // a mistyped build setting is a usage error before anything starts
    FleetCommand root = FleetCommand.of(spec);
    Map<String, Object> role = new LinkedHashMap<>(root.remoteRole("worker", "fleet worker"));
    role.put("fleet.worker.lanes", String.valueOf(lanes));
    root.role(role);
    WorkerProcess worker = root.bean(WorkerProcess.class);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        root.close(); // stops the listener (the shard in hand ends first) and deregisters
      } finally {
        stopped.countDown();
      }
    }, "fleet-worker-stop"));
    spec.commandLine().getOut().printf("Worker %s: %d lanes (builds at once), %d shards in flight, taking partition requests from %s%n",
        worker.id(), lanes, worker.inFlight(), root.brokerUrl().orElse("?"));
    spec.commandLine().getOut().flush();
    stopped.await();
    return ExitCode.OK.code();
  }
}
