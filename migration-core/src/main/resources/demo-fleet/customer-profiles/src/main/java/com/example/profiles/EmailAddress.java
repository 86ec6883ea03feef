package com.example.profiles;

import java.util.Locale;
import java.util.Objects;

/** An e-mail address; the domain part compares case-insensitively, the local part exactly. */
public final class EmailAddress {
    private final String local;
    private final String domain;

    public EmailAddress(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new IllegalArgumentException("not an e-mail address: " + address);
        }
        this.local = address.substring(0, at);
        this.domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmailAddress other && local.equals(other.local) && domain.equals(other.domain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(local, domain);
    }

    @Override
    public String toString() {
        return local + "@" + domain;
    }
}
