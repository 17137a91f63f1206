package riskmap.ogc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import riskmap.domain.ApiException;
import riskmap.store.Column;
import riskmap.store.FeatureCollection;
import riskmap.store.SortKey;

/**
 * {@code sortby} (OGC API – Features Part 8 draft): {@code sortby=-risk_level,name}, each name a
 * sortable, {@code -} descending, {@code +} (or nothing) ascending.
 */
final class SortBy {
    private SortBy() {
    }

    /**
     * What a collection sorts by: the id and every property that is not personal data (sorting on a
     * phone number would leak its order to callers who may not read it).
     */
    static List<Column> sortables(FeatureCollection c) {
        return c.readableColumns(false);
    }

    static List<SortKey> parse(String raw, FeatureCollection c) {
        if (raw == null) return List.of();
        List<SortKey> keys = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String item : raw.split(",", -1)) {
            String s = item.trim();
            boolean descending = s.startsWith("-");
            if (descending || s.startsWith("+")) s = s.substring(1);
            if (s.isEmpty()) throw ApiException.invalidParameter("sortby", "has an empty name; write e.g. sortby=-risk_level,name");
            if (!seen.add(s)) throw ApiException.invalidParameter("sortby", "names '" + s + "' twice");
            if (s.equals("id")) {
                keys.add(new SortKey(null, descending));
                continue;
            }
            String name = s;
            Column col = sortables(c).stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow(() -> ApiException.invalidParameter("sortby",
                    "'" + name + "' is not sortable; use id, " + String.join(", ", sortables(c).stream().map(Column::name).toList())
                            + " (see /ogc/collections/" + c.id() + "/sortables), each with - for descending"));
            keys.add(new SortKey(col, descending));
        }
        return keys;
    }
}
