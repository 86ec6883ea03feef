package io.fleetmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Two processes (here: threads with their own connections) open one store of the previous release at once: both get it migrated. */
class ConcurrentUpgradeTest {
  @RepeatedTest(20)
  void twoOpenersOfAnOldStore() throws Exception {
    String url = "jdbc:h2:mem:race-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    DataSource a = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
    DataSource b = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
    FleetSchemaTest.previousRelease(a, null, "h2");
    FleetSchemaTest.fill(a);
    CyclicBarrier start = new CyclicBarrier(2);
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (DataSource ds : List.of(a, b)) {
      Thread t = new Thread(() -> {
        try {
          start.await();
          FleetSchema.migrate(ds);
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(errors).isEmpty();
    FleetSchema.migrate(new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "")); // and opens again
    assertThat(FleetSchemaTest.history(a, FleetSchema.CORE)).containsExactly("11 BASELINE true", "12 JDBC true", "13 SQL true");
    assertThat(FleetSchemaTest.history(a, FleetSchema.INVENTORY)).containsExactly("2 BASELINE true");
  }
}
