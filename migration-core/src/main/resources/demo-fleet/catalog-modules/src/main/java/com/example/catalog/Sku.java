package com.example.catalog;

import java.util.Locale;

/** A stock-keeping unit code: three letters, a dash, four digits, stored upper case. */
public final class Sku {
    private final String code;

    private Sku(String code) {
        this.code = code;
    }

    public static Sku parse(String text) {
        String code = text.trim().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{3}-\\d{4}")) {
            throw new IllegalArgumentException("not a SKU: " + text);
        }
        return new Sku(code);
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
