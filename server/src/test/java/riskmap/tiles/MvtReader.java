package riskmap.tiles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, independent Mapbox Vector Tile (protobuf) reader for tests: layers, their features'
 * attributes, geometry type and first position. Written from the MVT 2.1 specification, not from
 * the code under test.
 */
public final class MvtReader {
    /** {@code rings}: every MoveTo…LineTo path of the geometry in tile coordinates, as {x, y} pairs. */
    public record Feature(int type, Map<String, Object> properties, int firstX, int firstY, List<List<int[]>> rings) {
    }

    public record Layer(String name, int extent, List<Feature> features, List<String> keys) {
    }

    private final byte[] buf;
    private int pos;
    private final int end;

    private MvtReader(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    public static List<Layer> read(byte[] tile) {
        List<Layer> layers = new ArrayList<>();
        MvtReader r = new MvtReader(tile, 0, tile.length);
        while (r.pos < r.end) {
            long tag = r.varint();
            if ((tag >>> 3) == 3 && (tag & 7) == 2) layers.add(r.sub().layer());
            else r.skip((int) (tag & 7));
        }
        return layers;
    }

    private Layer layer() {
        String name = null;
        int extent = 4096;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<MvtReader> rawFeatures = new ArrayList<>();
        while (pos < end) {
            long tag = varint();
            int field = (int) (tag >>> 3);
            switch (field) {
                case 1 -> name = sub().string();
                case 2 -> rawFeatures.add(sub());
                case 3 -> keys.add(sub().string());
                case 4 -> values.add(sub().value());
                case 5 -> extent = (int) varint();
                default -> skip((int) (tag & 7));
            }
        }
        List<Feature> features = new ArrayList<>();
        for (MvtReader f : rawFeatures) features.add(f.feature(keys, values));
        return new Layer(name, extent, features, keys);
    }

    private Feature feature(List<String> keys, List<Object> values) {
        Map<String, Object> props = new LinkedHashMap<>();
        int type = 0;
        List<List<int[]>> rings = new ArrayList<>();
        while (pos < end) {
            long tag = varint();
            int field = (int) (tag >>> 3);
            if (field == 2) {
                MvtReader tags = sub();
                while (tags.pos < tags.end) props.put(keys.get((int) tags.varint()), values.get((int) tags.varint()));
            } else if (field == 3) {
                type = (int) varint();
            } else if (field == 4) {
                rings = sub().paths();
            } else {
                skip((int) (tag & 7));
            }
        }
        int[] first = rings.isEmpty() ? new int[2] : rings.get(0).get(0);
        return new Feature(type, props, first[0], first[1], rings);
    }

    /** The geometry commands (MVT 2.1 §4.3): MoveTo starts a path, LineTo extends it, ClosePath ends a ring. */
    private List<List<int[]>> paths() {
        List<List<int[]>> paths = new ArrayList<>();
        int x = 0;
        int y = 0;
        while (pos < end) {
            long command = varint();
            int id = (int) (command & 7);
            long count = command >>> 3;
            if (id == 7) continue; // ClosePath: the ring's last point is its first
            if (id == 1) paths.add(new ArrayList<>());
            for (long i = 0; i < count; i++) {
                x += zigzag(varint());
                y += zigzag(varint());
                if (id == 1 && i > 0) paths.add(new ArrayList<>()); // MultiPoint: one path per point
                paths.get(paths.size() - 1).add(new int[] {x, y});
            }
        }
        return paths;
    }

    private Object value() {
        Object v = null;
        while (pos < end) {
            long tag = varint();
            switch ((int) (tag >>> 3)) {
                case 1 -> v = sub().string();
                case 2 -> { v = Float.intBitsToFloat((int) fixed(4)); }
                case 3 -> { v = Double.longBitsToDouble(fixed(8)); }
                case 4, 5 -> v = varint();
                case 6 -> v = (long) zigzag(varint());
                case 7 -> v = varint() != 0;
                default -> skip((int) (tag & 7));
            }
        }
        return v;
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = buf[pos++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) return v;
        }
    }

    private long fixed(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) v |= (long) (buf[pos++] & 0xff) << (8 * i);
        return v;
    }

    private static int zigzag(long n) {
        return (int) ((n >>> 1) ^ -(n & 1));
    }

    private MvtReader sub() {
        int len = (int) varint();
        MvtReader r = new MvtReader(buf, pos, pos + len);
        pos += len;
        return r;
    }

    private String string() {
        return new String(buf, pos, end - pos, StandardCharsets.UTF_8);
    }

    private void skip(int wireType) {
        switch (wireType) {
            case 0 -> varint();
            case 1 -> pos += 8;
            case 2 -> pos += (int) varint();
            case 5 -> pos += 4;
            default -> throw new IllegalStateException("wire type " + wireType);
        }
    }
}
