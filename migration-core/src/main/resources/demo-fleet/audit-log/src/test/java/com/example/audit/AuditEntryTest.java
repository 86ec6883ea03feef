package com.example.audit;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.junit.runner.RunWith;

@RunWith(FixedClockRunner.class)
public class AuditEntryTest {
    @Test
    public void printsTabSeparatedAtTheFrozenTime() {
        assertEquals("2024-01-01T00:00:00Z\tann\tlogin", new AuditEntry(FixedClockRunner.now, "ann", "login").line());
    }

    @Test
    public void flattensTabsAndNewlinesTwice() {
        assertEquals("2024-01-01T00:00:00Z\tbob\ta b c", new AuditEntry(FixedClockRunner.now, "bob", "a\tb\nc").line());
    }
}
