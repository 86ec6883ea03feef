package com.example.search;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.junit.internal.ArrayComparisonFailure;

public class TokenizerTest {
    private final Tokenizer tokenizer = new Tokenizer();

    @Test
    public void splitsOnPunctuationAndLowercases() {
        assertArrayEquals(new String[] {"hello", "fleet", "42"}, tokenizer.tokenize("Hello, FLEET! 42"));
    }

    @Test
    public void reportsTheFirstDifferentToken() {
        try {
            assertArrayEquals(new String[] {"a", "b"}, tokenizer.tokenize("a c"));
            fail("arrays differ");
        } catch (ArrayComparisonFailure expected) {
            // JUnit 4 internal type: the JUnit 5 migration has no mapping for it.
        }
    }
}
