package com.example.reports;

/** Formats ratios as percentages. */
public final class Percentages {
    private Percentages() {
    }

    public static String format(long part, long whole) {
        if (whole == 0) {
            return "n/a";
        }
        // Truncates instead of rounding: the test below has been red since this was written.
        return (part * 100 / whole) + "%";
    }
}
