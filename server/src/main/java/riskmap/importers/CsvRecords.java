package riskmap.importers;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV file (RFC 4180: comma-separated, "quoted" cells may hold commas, quotes and
 * line breaks), decoded from UTF-8 (BOM or not), detected GBK ({@link TextEncoding}) or the
 * encoding the caller names. Counts lines as a spreadsheet shows them, so messages can name them.
 */
public final class CsvRecords implements Closeable {
    private final BufferedReader in;
    private final Charset charset;
    private long line;
    private long recordLine;

    /** @param encoding the file's encoding, or null to detect UTF-8 / GBK */
    public CsvRecords(InputStream raw, Charset encoding) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        if (encoding == null) {
            charset = TextEncoding.detect(buffered);
        } else {
            charset = encoding;
            TextEncoding.skipBom(buffered, encoding);
        }
        this.in = new BufferedReader(new InputStreamReader(buffered, charset), 1 << 16);
    }

    public Charset charset() {
        return charset;
    }

    /** The line number (header = 1) on which the record last returned by {@link #next} starts. */
    public long recordLine() {
        return recordLine;
    }

    /** The next record (possibly several lines when quoted cells hold line breaks), or null at the end; blank lines are not records. */
    public List<String> next() throws IOException {
        List<String> cells;
        do {
            cells = record();
        } while (cells != null && cells.size() == 1 && cells.get(0).isBlank());
        return cells;
    }

    private List<String> record() throws IOException {
        String l = in.readLine();
        if (l == null) return null;
        line++;
        recordLine = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i >= l.length()) {
                if (!quoted) break;
                String more = in.readLine();
                if (more == null) break; // unterminated quote: keep what we have
                line++;
                cell.append('\n');
                l = more;
                i = 0;
                continue;
            }
            char ch = l.charAt(i++);
            if (quoted) {
                if (ch == '"') {
                    if (i < l.length() && l.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
