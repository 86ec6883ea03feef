package com.example.shipping;

/** A carrier's price list. */
public interface Carrier {
    long centsPerKilo(String zone);
}
