package com.example.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits text into lower-case word tokens. */
public class Tokenizer {
    public String[] tokenize(String text) {
        List<String> tokens = new ArrayList<String>();
        for (String part : text.split("[^\\p{L}\\p{N}]+")) {
            if (!part.isEmpty()) {
                tokens.add(part.toLowerCase(Locale.ROOT));
            }
        }
        return tokens.toArray(new String[0]);
    }
}
