package com.example.orders;

import static org.junit.Assert.assertEquals;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import org.junit.Test;
import org.mockito.Mock;

public class OrderServiceTest extends MockitoTestBase {
    @Mock
    private TaxTable taxes;

    @Test
    public void roundsToCents() {
        when(taxes.rate("XX")).thenReturn(new BigDecimal("0.075"));
        assertEquals(new BigDecimal("10.75"), new OrderService(taxes).total("XX", new BigDecimal("10")));
    }
}
