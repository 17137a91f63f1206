package riskmap.warning;

import java.util.List;
import riskmap.domain.Bbox;

/**
 * {@code GET /api/warnings}: states (draft, issued, updated, cancelled, expired — expired is
 * computed), {@code activeOnly} (issued and not yet expired), levels 1–4, a lon/lat box, and a limit.
 */
public record WarningQuery(List<String> states, boolean activeOnly, List<Integer> levels, Bbox bbox, int limit) {
    public static final List<String> STATES = List.of("draft", "issued", "updated", "cancelled", "expired");
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
}
