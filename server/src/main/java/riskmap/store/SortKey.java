package riskmap.store;

/**
 * One key of {@code sortby} (OGC API – Features Part 8 draft): a whitelisted column, or the
 * feature id when {@code column} is null, ascending or descending.
 */
public record SortKey(Column column, boolean descending) {
    /** The ORDER BY term; column names come only from the collection registry. */
    String sql() {
        return "t." + (column == null ? "id" : column.name()) + (descending ? " DESC" : "");
    }
}
