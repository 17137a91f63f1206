package riskmap.store;

import java.util.List;
import java.util.Optional;

/**
 * A layer riskmap serves: which table holds it, which rows (a category filter for the
 * per-category collections), and its attributes. Column and table names used in SQL come only
 * from here, never from a request.
 *
 * @param id           collection id in URLs ({@code hazards}, {@code landslide}, …)
 * @param table        table name
 * @param category     category the rows are limited to, or null for all
 * @param geometryType GeoJSON geometry type of every feature
 * @param columns      the attributes, in output order
 * @param geohashed    the table has V41's geohash column and index, so pages with a bbox go in {@link PageOrder} geohash order
 */
public record FeatureCollection(String id, String table, String category, String titleZh, String titleEn,
                                String geometryType, List<Column> columns, boolean geohashed) {

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Attributes a caller may read: personal ones only when {@code withPersonal}. */
    public List<Column> readableColumns(boolean withPersonal) {
        return columns.stream().filter(c -> withPersonal || !c.personal()).toList();
    }
}
