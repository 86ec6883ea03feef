package com.example.orders;

import org.junit.runner.RunWith;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.junit4.SpringJUnit4ClassRunner;

/** The older spelling of the same base, still used by a few tests. */
@RunWith(SpringJUnit4ClassRunner.class)
@ContextConfiguration(classes = OrdersConfig.class)
public abstract class LegacySpringTestBase {
}
