package com.example.audit;

import java.time.Instant;

/** One line of the audit log: who did what, when; printed tab-separated. */
public record AuditEntry(Instant at, String actor, String action) {
    public String line() {
        return at + "\t" + actor + "\t" + action.replace('\t', ' ').replace('\n', ' ');
    }
}
