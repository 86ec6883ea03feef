package com.example.reports;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class PercentagesTest {
    @Test
    public void zeroWholeIsNotAvailable() {
        assertEquals("n/a", Percentages.format(1, 0));
    }

    @Test
    public void roundsToNearestPercent() {
        assertEquals("67%", Percentages.format(2, 3));
    }
}
