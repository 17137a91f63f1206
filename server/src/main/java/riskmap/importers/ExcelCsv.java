package riskmap.importers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV as Excel reads it: UTF-8 with a byte-order mark (so Excel on a Chinese Windows does not take
 * it for GBK), a header row, CRLF line ends, cells quoted when they hold a comma, quote or line
 * break. Buffered: call {@link #finish} to flush what is left.
 */
public final class ExcelCsv {
    private final Writer out;
    private boolean rowStarted;

    public ExcelCsv(OutputStream raw, List<String> header) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
        out.write('\uFEFF');
        for (String h : header) cell(h);
        endRow();
    }

    /** The next cell of the current row; null is an empty cell. */
    public void cell(String v) throws IOException {
        if (rowStarted) out.write(',');
        rowStarted = true;
        if (v == null) return;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            out.write('"');
            out.write(v.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(v);
        }
    }

    public void endRow() throws IOException {
        out.write("\r\n");
        rowStarted = false;
    }

    public void finish() throws IOException {
        out.flush();
    }
}
