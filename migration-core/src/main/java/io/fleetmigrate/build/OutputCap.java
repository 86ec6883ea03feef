package io.fleetmigrate.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Copies a build's output to its log, keeping at most {@code cap} bytes: the first half as it
 * comes, the last half in a ring buffer written at the end, with a line saying how much of the
 * middle was dropped. A build that floods its output cannot fill the disk, and the log still has
 * both how the build started and how it ended (where Maven prints its errors).
 */
final class OutputCap {
  /** How lines of ours in a build log begin. */
  static final String OWN_LINE = "[fleet] ";

  private final InputStream in;
  private final OutputStream out;
  private final long head;
  private final byte[] tail;
  private long total;
  private int tailPos;
  private long tailFill;
  private final Thread pump;
  private volatile IOException failure;

  private OutputCap(InputStream in, Path log, long cap, String firstLine) throws IOException {
    this.in = in;
    this.out = Files.newOutputStream(log);
    this.head = Math.max(0, cap / 2);
    this.tail = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, cap - head))];
    out.write((firstLine + "\n").getBytes(StandardCharsets.UTF_8));
    this.pump = new Thread(this::pump, "fleet-build-output");
    pump.setDaemon(true);
  }

  static OutputCap start(InputStream in, Path log, long cap, String firstLine) throws IOException {
    OutputCap c = new OutputCap(in, log, cap, firstLine);
    c.pump.start();
    return c;
  }

  private void pump() {
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        int off = 0;
        if (total < head) {
          int direct = (int) Math.min(n, head - total);
          out.write(buffer, 0, direct);
          off = direct;
        }
        total += n;
        for (int i = off; i < n && tail.length > 0; i++) {
          tail[tailPos] = buffer[i];
          tailPos = (tailPos + 1) % tail.length;
          tailFill++;
        }
      }
    } catch (IOException e) {
      if (!"Stream closed".equals(e.getMessage())) {
        failure = e;
      }
    }
  }

  /** Waits for the output to end (the process and its tree are gone), then writes the tail. */
  void finish() throws IOException {
    try {
      pump.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (pump.isAlive()) {
      in.close(); // a grandchild that escaped still holds the pipe: stop reading it
      try {
        pump.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (out) {
      if (failure != null) {
        throw failure;
      }
      long kept = Math.min(tailFill, tail.length);
      long dropped = total - Math.min(total, head) - kept;
      if (dropped > 0) {
        out.write(("\n" + OWN_LINE + "... " + dropped + " bytes of output dropped here (cap " + (head + tail.length) + " bytes: head and tail kept) ...\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      if (kept > 0) {
        int startAt = tailFill > tail.length ? tailPos : 0;
        int first = (int) Math.min(kept, tail.length - startAt);
        out.write(tail, startAt, first);
        out.write(tail, 0, (int) kept - first);
      }
    }
  }
}
