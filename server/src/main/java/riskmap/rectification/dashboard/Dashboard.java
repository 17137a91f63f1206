package riskmap.rectification.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One answer of the hidden-danger dashboard, read on one snapshot so its parts agree. */
record Dashboard(List<RegionRow> rows, long overdueCount, List<Overdue> overdue, List<Week> trend) {

    /** One region at the roll-up level; {@code byLevel[i]} counts risk level i + 1. */
    record RegionRow(String code, String name, long open, long[] byLevel, long overdue, long closedThisMonth) {
    }

    /** One overdue rectification at its point (lon, lat); person name and phone null where the caller may not read them. */
    record Overdue(String id, String hazardId, String hazardName, double lon, double lat, String adminCode, int riskLevel, String state, Instant deadline,
                   String personId, String personName, String personPhone) {
    }

    record Week(String name, LocalDate start, long opened, long closed) {
    }
}
