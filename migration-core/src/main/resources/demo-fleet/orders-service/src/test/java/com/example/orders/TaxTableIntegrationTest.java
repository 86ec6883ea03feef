package com.example.orders;

import static org.junit.Assert.assertEquals;

import java.math.BigDecimal;
import org.junit.Test;
import org.springframework.beans.factory.annotation.Autowired;

public class TaxTableIntegrationTest extends LegacySpringTestBase {
    @Autowired
    private TaxTable taxes;

    @Test
    public void knowsFrance() {
        assertEquals(new BigDecimal("0.20"), taxes.rate("FR"));
    }
}
