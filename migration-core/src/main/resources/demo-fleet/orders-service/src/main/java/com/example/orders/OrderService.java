package com.example.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prices an order: net amount plus the tax the tax table gives for the customer's region. */
public class OrderService {
    private final TaxTable taxes;

    public OrderService(TaxTable taxes) {
        this.taxes = taxes;
    }

    public BigDecimal total(String region, BigDecimal net) {
        BigDecimal rate = taxes.rate(region);
        return net.add(net.multiply(rate)).setScale(2, RoundingMode.HALF_UP);
    }
}
