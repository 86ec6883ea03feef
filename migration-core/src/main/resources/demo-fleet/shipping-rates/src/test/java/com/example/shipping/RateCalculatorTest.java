package com.example.shipping;

import static org.junit.Assert.assertEquals;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.mockito.Mock;
import org.mockito.junit.MockitoJUnitRunner;

@RunWith(MockitoJUnitRunner.class)
public class RateCalculatorTest {
    @Mock
    private Carrier carrier;

    @Test
    public void roundsTheWeightUpToWholeKilos() {
        when(carrier.centsPerKilo("EU")).thenReturn(250L);
        assertEquals(750L, new RateCalculator(carrier).cents("EU", 2.1));
        verify(carrier).centsPerKilo("EU");
    }

    @Test(expected = IllegalArgumentException.class)
    public void rejectsAnEmptyParcel() {
        new RateCalculator(carrier).cents("EU", 0);
    }
}
