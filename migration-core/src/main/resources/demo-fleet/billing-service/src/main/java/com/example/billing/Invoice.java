package com.example.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An invoice made of lines; Java 8 style on purpose (this is a sample fleet repository). */
public class Invoice {
    private final String customer;
    private final List<Line> lines = new ArrayList<Line>();

    public Invoice(String customer) {
        if (customer == null || customer.trim().isEmpty()) {
            throw new IllegalArgumentException("customer is required");
        }
        this.customer = customer;
    }

    public Invoice add(String item, int quantity, BigDecimal unitPrice) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
        lines.add(new Line(item, quantity, unitPrice));
        return this;
    }

    public BigDecimal total() {
        BigDecimal total = BigDecimal.ZERO;
        for (Line line : lines) {
            total = total.add(line.unitPrice.multiply(new BigDecimal(line.quantity)));
        }
        return total;
    }

    public String customer() {
        return customer;
    }

    public List<Line> lines() {
        return Collections.unmodifiableList(lines);
    }

    public static final class Line {
        final String item;
        final int quantity;
        final BigDecimal unitPrice;

        Line(String item, int quantity, BigDecimal unitPrice) {
            this.item = item;
            this.quantity = quantity;
            this.unitPrice = unitPrice;
        }
    }
}
