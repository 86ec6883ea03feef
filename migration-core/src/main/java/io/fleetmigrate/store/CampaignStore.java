package io.fleetmigrate.store;

import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * A campaign's rows, one store per aggregate: {@link RunStore runs} (the campaign, its runs and
 * their frozen snapshots), {@link OutcomeStore outcomes} (outcomes, commands, model attempts) and
 * {@link PullRequestStore pull requests} (pull requests, refreshes, nudges). Locks ({@link
 * CampaignLock}), workers ({@link WorkerRegistry}), fix memory ({@link FixMemoryStore}) and the
 * rollout ({@code rollout/RolloutStore}) have their own. A class that writes to several aggregates
 * (the pipeline, delivery) takes this; one that needs one store may take just that store.
 */
@Component
public record CampaignStore(RunStore runs, OutcomeStore outcomes, PullRequestStore pullRequests) {
  /** The three stores over {@code dataSource} (tools and tests; the application injects the beans). */
  public static CampaignStore of(DataSource dataSource) {
    return new CampaignStore(new RunStore(dataSource), new OutcomeStore(dataSource), new PullRequestStore(dataSource));
  }
}
