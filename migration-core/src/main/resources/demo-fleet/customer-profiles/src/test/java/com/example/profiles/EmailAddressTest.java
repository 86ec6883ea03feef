package com.example.profiles;

import static org.junit.Assert.assertEquals;

import com.google.common.testing.EqualsTester;
import org.junit.Test;

public class EmailAddressTest {
    @Test
    public void domainIsCaseInsensitiveLocalPartIsNot() {
        // Guava's test helper asserts with JUnit's own assertions when it runs.
        new EqualsTester()
            .addEqualityGroup(new EmailAddress("ann@example.com"), new EmailAddress("ann@EXAMPLE.com"))
            .addEqualityGroup(new EmailAddress("Ann@example.com"))
            .testEquals();
    }

    @Test
    public void printsTheDomainLowerCase() {
        assertEquals("bob@example.org", new EmailAddress("bob@Example.ORG").toString());
    }
}
