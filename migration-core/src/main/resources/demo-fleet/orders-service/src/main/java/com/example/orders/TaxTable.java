package com.example.orders;

import java.math.BigDecimal;
import java.util.Map;

/** Tax rates by region. */
public class TaxTable {
    private final Map<String, BigDecimal> rates;

    public TaxTable(Map<String, BigDecimal> rates) {
        this.rates = Map.copyOf(rates);
    }

    public BigDecimal rate(String region) {
        BigDecimal rate = rates.get(region);
        if (rate == null) {
            throw new IllegalArgumentException("no tax rate for " + region);
        }
        return rate;
    }
}
