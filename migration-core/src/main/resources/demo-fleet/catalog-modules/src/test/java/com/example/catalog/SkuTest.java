package com.example.catalog;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class SkuTest {
    @Test
    public void parsesAndNormalisesTheCode() {
        assertEquals("ABC-1234", Sku.parse(" abc-1234 ").code());
    }

    @Test
    public void rejectsMalformedCodes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sku.parse("AB-12"));
        assertThat(e.getMessage(), containsString("AB-12"));
    }

    @Test
    public void printsAsItsCode() {
        assertThat(Sku.parse("xyz-0001").toString(), is("XYZ-0001"));
    }
}
