package com.example.audit;

import java.time.Instant;
import org.junit.runner.notification.RunNotifier;
import org.junit.runners.BlockJUnit4ClassRunner;
import org.junit.runners.model.FrameworkMethod;
import org.junit.runners.model.InitializationError;
import org.junit.runners.model.Statement;

/**
 * A home-made JUnit 4 runner: freezes the audit clock for each test, and runs the methods whose
 * name ends with "Twice" a second time. Porting it to JUnit 5 means designing an extension (and
 * probably @RepeatedTest): a judgement call, not a mechanical rewrite.
 */
public class FixedClockRunner extends BlockJUnit4ClassRunner {
    static final Instant FROZEN = Instant.parse("2024-01-01T00:00:00Z");
    static Instant now = Instant.EPOCH;

    public FixedClockRunner(Class<?> testClass) throws InitializationError {
        super(testClass);
    }

    @Override
    protected Statement methodInvoker(FrameworkMethod method, Object test) {
        Statement invoke = super.methodInvoker(method, test);
        return new Statement() {
            @Override
            public void evaluate() throws Throwable {
                now = FROZEN;
                try {
                    invoke.evaluate();
                    if (method.getName().endsWith("Twice")) {
                        invoke.evaluate();
                    }
                } finally {
                    now = Instant.EPOCH;
                }
            }
        };
    }

    @Override
    public void run(RunNotifier notifier) {
        super.run(notifier);
    }
}
