package riskmap.importers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EPSG codes from the ways files name a CRS: {@code EPSG:4490}, {@code urn:ogc:def:crs:EPSG::3857}, OGC CRS84, a bare number. */
final class Crs {
    private static final Pattern EPSG = Pattern.compile("(?i)(?:urn:ogc:def:crs:EPSG:[0-9.]*:|EPSG:{1,2}|.*/EPSG/[0-9]+/)?([0-9]{4,6})");

    private Crs() {
    }

    static int srid(String name) {
        String n = name.trim();
        if (n.matches("(?i).*CRS:?84.*")) return 4326;
        Matcher m = EPSG.matcher(n);
        if (m.matches()) return Integer.parseInt(m.group(1));
        throw new IllegalArgumentException("CRS '" + name + "' is not understood; name it as EPSG:4490 (or give --srid / &srid=)");
    }
}
