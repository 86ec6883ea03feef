package com.example.retry;

import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * A JUnit 4 rule this library ships to its users: runs a flaky test up to {@code attempts} times.
 * Part of the library's public API, so JUnit 4 is a compile dependency of the main code.
 */
public class RetryRule implements TestRule {
    private final int attempts;

    public RetryRule(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.attempts = attempts;
    }

    @Override
    public Statement apply(Statement base, Description description) {
        return new Statement() {
            @Override
            public void evaluate() throws Throwable {
                Throwable last = null;
                for (int i = 0; i < attempts; i++) {
                    try {
                        base.evaluate();
                        return;
                    } catch (Throwable t) {
                        last = t;
                    }
                }
                throw last;
            }
        };
    }
}
