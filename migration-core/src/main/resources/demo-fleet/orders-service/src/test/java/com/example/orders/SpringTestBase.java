package com.example.orders;

import org.junit.runner.RunWith;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.junit4.SpringRunner;

/** The base of every test that needs the application context. */
@RunWith(SpringRunner.class)
@ContextConfiguration(classes = OrdersConfig.class)
public abstract class SpringTestBase {
}
