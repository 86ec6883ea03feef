package com.example.billing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import org.junit.Before;
import org.junit.Test;

public class InvoiceTest {
    private Invoice invoice;

    @Before
    public void setUp() {
        invoice = new Invoice("ACME");
    }

    @Test
    public void totalSumsAllLines() {
        invoice.add("widget", 2, new BigDecimal("2.50")).add("gadget", 1, new BigDecimal("10.00"));
        assertEquals("total", new BigDecimal("15.00"), invoice.total());
    }

    @Test
    public void emptyInvoiceTotalsZero() {
        assertTrue(invoice.lines().isEmpty());
        assertEquals(BigDecimal.ZERO, invoice.total());
    }

    @Test(expected = IllegalArgumentException.class)
    public void rejectsNonPositiveQuantity() {
        invoice.add("widget", 0, BigDecimal.ONE);
    }

    @Test(expected = IllegalArgumentException.class)
    public void rejectsBlankCustomer() {
        new Invoice("  ");
    }
}
