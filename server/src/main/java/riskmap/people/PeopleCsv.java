package riskmap.people;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import riskmap.importers.CsvRecords;
import riskmap.importers.ImportException;

/**
 * Reads a people list from CSV as a spreadsheet exports it: a header row naming the columns in
 * English or Chinese (姓名, 电话/手机, 邮箱, 单位, 职责/角色, 层级, 行政区划代码, 备注), one person per row,
 * UTF-8 (BOM or not) or GBK/GB18030 from Chinese Excel, detected. Unknown columns are skipped and
 * reported once.
 */
final class PeopleCsv implements Closeable {
    /** Header words for each field; the field's own name is accepted too. */
    private static final Map<String, List<String>> HEADERS = Map.of(
            "name", List.of("姓名", "责任人", "责任人姓名"),
            "phone", List.of("电话", "手机", "手机号", "手机号码", "联系电话", "电话号码", "mobile"),
            "email", List.of("邮箱", "电子邮箱", "电子邮件", "e-mail", "mail"),
            "unit", List.of("单位", "工作单位", "所在单位"),
            "duty_roles", List.of("职责", "角色", "职务", "责任类型", "role", "roles"),
            "tier", List.of("层级", "级别"),
            "admin_code", List.of("行政区划代码", "区划代码", "行政区划"),
            "note", List.of("备注", "说明"));

    /** One row as read: its line number, the fields by their API names, or why the row cannot be read. */
    record Row(long line, Map<String, Object> fields, String problem) {
    }

    private final CsvRecords in;
    private final String[] fieldOfColumn;
    private final Set<String> ignored = new LinkedHashSet<>();

    /** @param encoding the file's encoding, or null to detect UTF-8 / GBK */
    PeopleCsv(InputStream raw, Charset encoding) throws IOException {
        in = new CsvRecords(raw, encoding);
        List<String> header = in.next();
        if (header == null) throw new ImportException("the CSV file is empty; its first line must name the columns, e.g. 姓名,电话,单位,职责,行政区划代码");
        fieldOfColumn = new String[header.size()];
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip().toLowerCase(Locale.ROOT);
            fieldOfColumn[i] = field(h);
            if (fieldOfColumn[i] == null && !h.isEmpty()) ignored.add(h);
        }
        if (!Arrays.asList(fieldOfColumn).contains("name")) { // a column riskmap does not know is null there
            throw new ImportException("the CSV has no name column: name it 姓名 or name; its columns are " + String.join(", ", header)
                    + (in.charset().name().equals("UTF-8") ? "" : " (read as " + in.charset().name() + "; choose another with encoding=)"));
        }
    }

    private static String field(String header) {
        for (Map.Entry<String, List<String>> e : HEADERS.entrySet()) {
            if (e.getKey().equals(header) || e.getValue().contains(header)) return e.getKey();
        }
        return null;
    }

    /** The next row, or null at the end of the file. */
    Row next() throws IOException {
        List<String> cells = in.next();
        if (cells == null) return null;
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldOfColumn.length && i < cells.size(); i++) {
            if (fieldOfColumn[i] != null) fields.put(fieldOfColumn[i], cells.get(i));
        }
        String problem = cells.size() > fieldOfColumn.length ? "the row has " + cells.size() + " cells but the header names "
                + fieldOfColumn.length + " columns (a comma inside a value needs \"quotes\")" : null;
        return new Row(in.recordLine(), fields, problem);
    }

    Charset charset() {
        return in.charset();
    }

    Set<String> ignoredColumns() {
        return ignored;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
