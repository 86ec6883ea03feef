package com.example.retry;

import org.junit.rules.ExternalResource;

/** A JUnit 4 rule that sets a system property for one test and restores it afterwards. */
public class TemporaryProperty extends ExternalResource {
    private final String key;
    private final String value;
    private String previous;

    public TemporaryProperty(String key, String value) {
        this.key = key;
        this.value = value;
    }

    @Override
    protected void before() {
        previous = System.setProperty(key, value);
    }

    @Override
    protected void after() {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }
}
