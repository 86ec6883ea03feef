package com.example.orders;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class OrdersConfig {
    @Bean
    public TaxTable taxTable() {
        return new TaxTable(Map.of("DE", new BigDecimal("0.19"), "FR", new BigDecimal("0.20")));
    }

    @Bean
    public OrderService orderService(TaxTable taxTable) {
        return new OrderService(taxTable);
    }
}
