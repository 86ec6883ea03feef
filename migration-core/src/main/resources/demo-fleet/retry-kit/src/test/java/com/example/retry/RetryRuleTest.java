package com.example.retry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

public class RetryRuleTest {
    private static Statement failingTimes(int failures, AtomicInteger calls) {
        return new Statement() {
            @Override
            public void evaluate() {
                if (calls.incrementAndGet() <= failures) {
                    throw new IllegalStateException("flaky");
                }
            }
        };
    }

    @Test
    public void retriesUntilTheTestPasses() throws Throwable {
        AtomicInteger calls = new AtomicInteger();
        new RetryRule(3).apply(failingTimes(2, calls), Description.EMPTY).evaluate();
        assertEquals(3, calls.get());
    }

    @Test
    public void givesUpAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        Statement statement = new RetryRule(2).apply(failingTimes(5, calls), Description.EMPTY);
        assertThrows(IllegalStateException.class, statement::evaluate);
        assertEquals(2, calls.get());
    }
}
