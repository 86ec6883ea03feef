package com.example.inventory;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Reads "sku=quantity" lines from a stock file. */
public class StockFile {
    private final File file;

    public StockFile(File file) {
        this.file = file;
    }

    public Map<String, Integer> read() throws IOException {
        Map<String, Integer> stock = new HashMap<String, Integer>();
        BufferedReader reader = new BufferedReader(new FileReader(file));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("=");
                stock.put(parts[0].trim(), Integer.valueOf(parts[1].trim()));
            }
        } finally {
            reader.close();
        }
        return stock;
    }
}
