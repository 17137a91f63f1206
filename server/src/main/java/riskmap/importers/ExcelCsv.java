package riskmap.importers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV as Excel reads it: UTF-8 with a byte-order mark (so Excel on a Chinese Windows does not take
 * it for GBK), a header row, CRLF line ends, cells quoted when they hold a comma, quote or line
 * break. Buffered: call {@link #finish} to flush what is left.
 *
 * <p>Text that a spreadsheet would run as a formula — its first character {@code =}, {@code +},
 * {@code -}, {@code @}, tab or carriage return — is written with a leading {@code '} (OWASP "CSV
 * Injection"), so Excel shows it as typed and runs nothing. Numbers are written by {@link #number}
 * as they are, so a negative number stays a number.
 */
public final class ExcelCsv {
    /** A plain decimal as PostgreSQL and Java write numbers: digits, an optional fraction and exponent. */
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private final Writer out;
    private boolean rowStarted;

    public ExcelCsv(OutputStream raw, List<String> header) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
        out.write('\uFEFF');
        for (String h : header) cell(h);
        endRow();
    }

    /** The next text cell of the current row, guarded against formulas; null is an empty cell. */
    public void cell(String v) throws IOException {
        write(v != null && startsLikeFormula(v) ? "'" + v : v);
    }

    /** The next cell of a numeric column, unguarded when it is a plain decimal (-3.5 stays a number); anything else is text. */
    public void number(String v) throws IOException {
        if (v != null && NUMBER.matcher(v).matches()) write(v);
        else cell(v);
    }

    /** Whether a spreadsheet would take {@code v} for a formula: =, +, -, @, tab or carriage return first. */
    static boolean startsLikeFormula(String v) {
        return !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0;
    }

    private void write(String v) throws IOException {
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
