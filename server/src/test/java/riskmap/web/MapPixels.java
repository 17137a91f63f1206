package riskmap.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one of the page's canvas layers really shows around a map position: the pixels of a square
 * of {@code 2·half + 1} CSS pixels, copied from every tile canvas of the layer that covers it (a
 * symbol on a tile edge is drawn by both tiles). Read through the browser, never from page code.
 */
final class MapPixels {
    private final int size;
    private final int[] rgba;

    private MapPixels(int size, int[] rgba) {
        this.size = size;
        this.rgba = rgba;
    }

    /** The square around (lat, lon) on the canvases of the layer whose container has CSS class {@code layerClass}. */
    static MapPixels around(Browser browser, String layerClass, double lat, double lon, int half) {
        List<?> data = (List<?>) browser.js("""
            const [cls, lat, lon, half] = arguments;
            const map = window.riskmap.map;
            const p = map.latLngToContainerPoint([lat, lon]);
            const box = map.getContainer().getBoundingClientRect();
            const size = 2 * half + 1;
            const out = document.createElement('canvas'); out.width = size; out.height = size;
            const ctx = out.getContext('2d');
            ctx.imageSmoothingEnabled = false;
            for (const c of document.querySelectorAll('.' + cls + ' canvas')) {
              const r = c.getBoundingClientRect();
              ctx.drawImage(c, Math.round(r.left - box.left - (Math.round(p.x) - half)), Math.round(r.top - box.top - (Math.round(p.y) - half)), r.width, r.height);
            }
            return Array.from(ctx.getImageData(0, 0, size, size).data);""", layerClass, lat, lon, half);
        int[] rgba = data.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        return new MapPixels(2 * half + 1, rgba);
    }

    private boolean opaque(int x, int y) {
        return rgba[(y * size + x) * 4 + 3] > 128;
    }

    /** Pixels drawn (alpha over one half). */
    int opaqueCount() {
        int n = 0;
        for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) if (opaque(x, y)) n++;
        return n;
    }

    /** The most frequent fully opaque colour that is not near-white (white is the outline and the number): a symbol's fill, as r, g, b. */
    int[] fill() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < rgba.length; i += 4) {
            if (rgba[i + 3] < 255 || rgba[i] > 230 && rgba[i + 1] > 230 && rgba[i + 2] > 230) continue;
            counts.merge((rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2], 1, Integer::sum);
        }
        int c = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow(() -> new AssertionError("nothing drawn there")).getKey();
        return new int[] {c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff};
    }

    /**
     * Width of the drawn shape at a quarter of its height from its top, divided by its width at three
     * quarters: about 1/3 for a triangle with its apex up, 1 for a circle or a diamond.
     */
    double topToBottomWidth() {
        int top = -1;
        int bottom = -1;
        for (int y = 0; y < size; y++) {
            if (rowWidth(y) > 0) {
                if (top < 0) top = y;
                bottom = y;
            }
        }
        if (top < 0) throw new AssertionError("nothing drawn there");
        double h = bottom - top;
        return (double) rowWidth((int) Math.round(top + h / 4)) / rowWidth((int) Math.round(top + 3 * h / 4));
    }

    private int rowWidth(int y) {
        int n = 0;
        for (int x = 0; x < size; x++) if (opaque(x, y)) n++;
        return n;
    }
}
