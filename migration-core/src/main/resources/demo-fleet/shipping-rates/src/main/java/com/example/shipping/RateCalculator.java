package com.example.shipping;

/** The cost of a parcel: weight, rounded up to whole kilos, times the carrier's rate for the zone. */
public class RateCalculator {
    private final Carrier carrier;

    public RateCalculator(Carrier carrier) {
        this.carrier = carrier;
    }

    public long cents(String zone, double kilos) {
        if (kilos <= 0) {
            throw new IllegalArgumentException("weight must be positive");
        }
        return (long) Math.ceil(kilos) * carrier.centsPerKilo(zone);
    }
}
