package com.example.orders;

import static org.junit.Assert.assertEquals;

import java.math.BigDecimal;
import org.junit.Test;
import org.springframework.beans.factory.annotation.Autowired;

public class OrderServiceIntegrationTest extends SpringTestBase {
    @Autowired
    private OrderService orders;

    @Test
    public void addsTheRegionsTax() {
        assertEquals(new BigDecimal("119.00"), orders.total("DE", new BigDecimal("100")));
    }
}
