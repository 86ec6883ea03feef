package com.example.orders;

import org.junit.runner.RunWith;
import org.mockito.junit.MockitoJUnitRunner;

/** The base of the unit tests: mocks initialised and stubbing checked by Mockito's runner. */
@RunWith(MockitoJUnitRunner.class)
public abstract class MockitoTestBase {
}
