package riskmap.tiles;

/** Web-Mercator tile numbers of a position (the OSM slippy-map formulae), for tests that ask for the tile over a point. */
public final class TileMath {
    private TileMath() {
    }

    public static int tileX(double lon, int z) {
        return (int) Math.floor((lon + 180) / 360 * (1 << z));
    }

    public static int tileY(double lat, int z) {
        double r = Math.toRadians(lat);
        return (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
    }

    /** The tile path of {@code collection} at zoom {@code z} over the position. */
    public static String path(String collection, int z, double lon, double lat) {
        return "/tiles/" + collection + "/" + z + "/" + tileX(lon, z) + "/" + tileY(lat, z) + ".mvt";
    }
}
