package riskmap.rectification.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import riskmap.importers.ExcelCsv;
import riskmap.rectification.State;

/** The dashboard's lists as Excel opens them ({@link ExcelCsv}), with the Chinese headers the offices use. */
final class DashboardCsv {
    static final List<String> REGION_HEADER = List.of("区划代码", "区划名称", "在办隐患", "一级", "二级", "三级", "四级", "逾期", "本月销号");
    static final List<String> OVERDUE_HEADER = List.of("整改编号", "隐患点编号", "隐患点名称", "行政区划代码", "风险等级", "整改状态",
            "整改期限", "逾期天数", "包保责任人编号", "包保责任人", "联系电话");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(DashboardPeriod.CHINA);

    private DashboardCsv() {
    }

    /** One line per region, then 合计 (the totals). */
    static void regions(Dashboard d, OutputStream raw) throws IOException {
        ExcelCsv out = new ExcelCsv(raw, REGION_HEADER);
        long[] total = new long[7];
        for (Dashboard.RegionRow r : d.rows()) {
            long[] values = {r.open(), r.byLevel()[0], r.byLevel()[1], r.byLevel()[2], r.byLevel()[3], r.overdue(), r.closedThisMonth()};
            region(out, r.code(), r.name(), values);
            for (int i = 0; i < values.length; i++) total[i] += values[i];
        }
        region(out, null, "合计", total);
        out.finish();
    }

    /** A writer of overdue lines, for {@link DashboardStore#streamOverdue}. */
    static final class Overdue {
        private final ExcelCsv out;
        private final Instant now;

        Overdue(OutputStream raw, Instant now) throws IOException {
            this.out = new ExcelCsv(raw, OVERDUE_HEADER);
            this.now = now;
        }

        void write(Dashboard.Overdue o) throws IOException {
            for (String v : List.of(o.id(), o.hazardId(), o.hazardName(), o.adminCode())) out.cell(v);
            out.number(Integer.toString(o.riskLevel()));
            out.cell(State.parse(o.state()).label());
            out.cell(LOCAL.format(o.deadline()));
            out.number(Long.toString(overdueDays(o.deadline(), now)));
            out.cell(o.personId());
            out.cell(o.personName());
            out.cell(o.personPhone());
            out.endRow();
        }

        void finish() throws IOException {
            out.finish();
        }
    }

    /** Whole days since the deadline passed (0 on the first day). */
    static long overdueDays(Instant deadline, Instant now) {
        return Duration.between(deadline, now).toDays();
    }

    private static void region(ExcelCsv out, String code, String name, long[] values) throws IOException {
        out.cell(code);
        out.cell(name);
        for (long v : values) out.number(Long.toString(v));
        out.endRow();
    }
}
