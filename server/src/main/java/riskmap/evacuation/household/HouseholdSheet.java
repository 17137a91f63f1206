package riskmap.evacuation.household;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import riskmap.importers.CsvRecords;
import riskmap.importers.ImportException;

/** A household register row by row, from CSV or from the first sheet of an Excel .xlsx workbook. */
interface HouseholdSheet extends Closeable {
    /** The next row's cells as text, or null at the end. */
    List<String> next() throws IOException;

    /** The row just read, as the village clerk numbers it (the header is row 1). */
    long recordLine();

    /** The format and what it was read as, for the import report. */
    String format();

    String source();

    static HouseholdSheet csv(InputStream body, Charset encoding) throws IOException {
        CsvRecords csv = new CsvRecords(body, encoding);
        return new HouseholdSheet() {
            public List<String> next() throws IOException {
                return csv.next();
            }

            public long recordLine() {
                return csv.recordLine();
            }

            public String format() {
                return "csv";
            }

            public String source() {
                return csv.charset().name();
            }

            public void close() throws IOException {
                csv.close();
            }
        };
    }

    /** The whole workbook is read into memory (POI's model); the upload limit (max_import_mb) bounds it. */
    static HouseholdSheet xlsx(InputStream body) throws IOException {
        Workbook book;
        try {
            book = new XSSFWorkbook(body);
        } catch (IOException | RuntimeException e) {
            throw new ImportException("the body is not an Excel .xlsx workbook (" + e.getMessage() + "); save it as .xlsx, or send CSV");
        }
        Iterator<Row> rows = book.getSheetAt(0).iterator();
        DataFormatter shown = new DataFormatter(Locale.ROOT);
        String sheet = book.getSheetAt(0).getSheetName();
        return new HouseholdSheet() {
            private long line;

            public List<String> next() {
                while (rows.hasNext()) {
                    Row row = rows.next();
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < row.getLastCellNum(); i++) cells.add(text(row.getCell(i), shown));
                    line = row.getRowNum() + 1L;
                    if (cells.stream().anyMatch(c -> !c.isEmpty())) return cells;
                }
                return null;
            }

            public long recordLine() {
                return line;
            }

            public String format() {
                return "xlsx";
            }

            public String source() {
                return "sheet " + sheet;
            }

            public void close() throws IOException {
                book.close();
            }
        };
    }

    /**
     * A cell as the clerk typed it: whole numbers keep every digit (a 12-digit village code typed as a
     * number would otherwise show as 5.00101E+11), other numbers in full precision (经度 108.4012).
     */
    private static String text(Cell c, DataFormatter shown) {
        if (c == null) return "";
        CellType t = c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
        if (t == CellType.NUMERIC) {
            double d = c.getNumericCellValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return shown.formatCellValue(c).strip();
    }
}
