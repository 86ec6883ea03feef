package io.fleetmigrate.batch;

import io.fleetmigrate.build.BuildSlots;
import io.fleetmigrate.store.CampaignStore;
import io.fleetmigrate.store.WorkerRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;

/**
 * Spring Batch's remote partitioning over an ActiveMQ Artemis broker (JMS). Present only in a
 * process started with a broker: a manager ({@code campaign run --remote}) or a worker
 * ({@code fleet worker}); a local run never touches it.
 *
 * <ul>
 *   <li>The manager's {@code repositories} step is built by {@link RemotePartitioningManagerStepBuilderFactory}:
 *       one request per shard onto the queue {@value #QUEUE}, then it polls the shared job repository
 *       until every partition ended, with a timeout, while {@link RemoteRunWatch} reports finished
 *       repositories and workers that died, and gives up when no worker is left.
 *   <li>A worker consumes the queue with {@code lanes + fleet.prefetch} consumers (of which at most
 *       {@code lanes} build at once, see {@link BuildSlots}) in transacted sessions and runs the
 *       step on the listener thread through Batch's own {@link StepExecutionRequestHandler}: the
 *       request is acknowledged only when the step has ended, so the shard of a worker that dies is
 *       redelivered to another one, which resumes it at the saved position ({@link ClaimingStep}).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fleet.broker.url")
@EnableBatchIntegration
public class RemotePartitioning {
  /** The queue of partition requests. */
  public static final String QUEUE = "fleet.partition-requests";

  @Bean
  ActiveMQConnectionFactory fleetBroker(
      @Value("${fleet.broker.url}") String url,
      @Value("${fleet.broker.user:}") String user,
      @Value("${fleet.broker.password:}") String password) {
    ActiveMQConnectionFactory factory =
        user.isEmpty() ? new ActiveMQConnectionFactory(url) : new ActiveMQConnectionFactory(url, user, password);
    // No prefetch: a request waits on the broker until a lane is free, so an idle worker takes it
    // rather than it sitting in a busy worker's buffer.
    factory.setConsumerWindowSize(0);
    // Requests are serialized StepExecutionRequests; nothing else is accepted.
    factory.setDeserializationAllowList("org.springframework.batch.integration.partition,java.lang,java.util");
    return factory;
  }

  /** The channel and the integration flows must exist before the context starts its endpoints. */
  @Bean
  static LazyInitializationExcludeFilter integrationFlowsEagerly() {
    return LazyInitializationExcludeFilter.forBeanTypes(IntegrationFlow.class, WorkerProcess.class);
  }

  @Bean
  DirectChannel partitionRequests() {
    return new DirectChannel();
  }

  @Bean
  IntegrationFlow partitionRequestsToBroker(DirectChannel partitionRequests, ConnectionFactory fleetBroker) {
    return IntegrationFlow.from(partitionRequests)
        .handle(Jms.outboundAdapter(fleetBroker).destination(QUEUE).configureJmsTemplate(t -> t.deliveryPersistent(true)))
        .get();
  }

  /** Builds the manager's partitioned step; used by the job when the run is remote. */
  @Bean
  Manager remoteManager(
      RemotePartitioningManagerStepBuilderFactory steps,
      DirectChannel partitionRequests,
      CampaignStore store,
      WorkerRegistry workers,
      RunProgress progress,
      @Value("${fleet.remote.timeout:PT24H}") Duration timeout,
      @Value("${fleet.remote.poll-interval:PT2S}") Duration pollInterval,
      @Value("${fleet.remote.no-worker-grace:PT5M}") Duration noWorkerGrace) {
    return new Manager(steps, partitionRequests, store, workers, progress, timeout, pollInterval, noWorkerGrace);
  }

  /** The manager side: the partitioned step that sends requests and polls the job repository. */
  public static final class Manager {
    private final RemotePartitioningManagerStepBuilderFactory steps;
    private final DirectChannel requests;
    private final CampaignStore store;
    private final WorkerRegistry workers;
    private final RunProgress progress;
    private final Duration timeout;
    private final Duration pollInterval;
    private final Duration noWorkerGrace;

    Manager(
        RemotePartitioningManagerStepBuilderFactory steps, DirectChannel requests, CampaignStore store, WorkerRegistry workers,
        RunProgress progress, Duration timeout, Duration pollInterval, Duration noWorkerGrace) {
      this.steps = steps;
      this.requests = requests;
      this.store = store;
      this.workers = workers;
      this.progress = progress;
      this.timeout = timeout;
      this.pollInterval = pollInterval;
      this.noWorkerGrace = noWorkerGrace;
    }

    Step step(Partitioner shards, int gridSize, long runId) {
      return steps.get("repositories")
          .partitioner("repository", shards)
          .gridSize(gridSize)
          .outputChannel(requests)
          .pollInterval(pollInterval.toMillis())
          .timeout(timeout.toMillis())
          .listener(new RemoteRunWatch(runId, store, workers, progress, pollInterval, noWorkerGrace, timeout))
          .build();
    }
  }

  // ---------------------------------------------------------------- worker side

  @Bean
  @ConditionalOnProperty(name = "fleet.role", havingValue = "worker")
  WorkerProcess workerProcess(
      WorkerRegistry workers, @Value("${fleet.worker.lanes:2}") int lanes,
      io.fleetmigrate.build.BuildSettings builds) {
    return new WorkerProcess(workers, lanes, BuildSlots.inFlight(lanes, builds.prefetch()));
  }

  @Bean
  @ConditionalOnProperty(name = "fleet.role", havingValue = "worker")
  IntegrationFlow partitionRequestsFromBroker(
      ConnectionFactory fleetBroker,
      JobRepository jobs,
      @Qualifier("repositoryStep") Step repositoryStep,
      WorkerProcess worker) {
    StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
    handler.setJobRepository(jobs);
    ClaimingStep claiming = new ClaimingStep(repositoryStep, worker, jobs);
    handler.setStepLocator(name -> {
      if (!repositoryStep.getName().equals(name)) {
        throw new IllegalArgumentException("a worker runs only the step '" + repositoryStep.getName() + "', not '" + name + "'");
      }
      return claiming;
    });
    return IntegrationFlow.from(
            Jms.messageDrivenChannelAdapter(
                Jms.container(fleetBroker, QUEUE)
                    .sessionTransacted(true)
                    .concurrentConsumers(worker.inFlight())
                    .maxConcurrentConsumers(worker.inFlight())
                    .receiveTimeout(1000)))
        .handle(handler, "handle")
        .nullChannel();
  }
}
