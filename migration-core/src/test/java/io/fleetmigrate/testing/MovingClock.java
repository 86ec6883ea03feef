package io.fleetmigrate.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that stands still until a test moves it: the one test clock. */
public class MovingClock extends Clock {
  private Instant now;

  public MovingClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock forward by {@code d}. */
  public void pass(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
