package com.example.payments;

import java.util.Objects;

/** An amount in minor units of one currency. */
public final class Money {
    private final long minorUnits;
    private final String currency;

    public Money(long minorUnits, String currency) {
        this.minorUnits = minorUnits;
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
        return new Money(minorUnits + other.minorUnits, currency);
    }

    public long minorUnits() {
        return minorUnits;
    }

    public String currency() {
        return currency;
    }
}
