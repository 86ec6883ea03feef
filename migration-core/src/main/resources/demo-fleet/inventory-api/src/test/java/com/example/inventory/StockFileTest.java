package com.example.inventory;

import static org.hamcrest.CoreMatchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;

import java.io.File;
import java.io.FileWriter;
import java.io.IOException;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class StockFileTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private File file;

    @Before
    public void createFile() throws IOException {
        file = folder.newFile("stock.txt");
        FileWriter writer = new FileWriter(file);
        try {
            writer.write("# sku=quantity\nA-1 = 3\nB-2=10\n\n");
        } finally {
            writer.close();
        }
    }

    @After
    public void deleteFile() {
        file.delete();
    }

    @Test
    public void readsEveryLine() throws IOException {
        Map<String, Integer> stock = new StockFile(file).read();
        assertEquals(2, stock.size());
        assertThat(stock.get("A-1"), is(3));
        assertThat(stock.get("B-2"), is(10));
    }

    @Test(expected = IOException.class)
    public void missingFileFails() throws IOException {
        new StockFile(new File(folder.getRoot(), "missing.txt")).read();
    }
}
