// Mapbox Vector Tile reading and a canvas tile layer that draws riskmap's /tiles/… layers.
// The decoder follows the MVT 2.1 specification (protobuf wire format); it needs no library.

/** Decodes an MVT into { layerName: { extent, features: [{ type, properties, geometry }] } }. */
export function decodeMvt(buffer) {
  const bytes = new Uint8Array(buffer);
  const layers = {};
  const top = new Reader(bytes, 0, bytes.length);
  while (top.more()) {
    const tag = top.varint();
    if (tag >>> 3 === 3 && (tag & 7) === 2) {
      const layer = readLayer(top.sub());
      layers[layer.name] = layer;
    } else top.skip(tag & 7);
  }
  return layers;
}

class Reader {
  constructor(bytes, pos, end) { this.b = bytes; this.pos = pos; this.end = end; }
  more() { return this.pos < this.end; }
  varint() {
    let v = 0; let mul = 1; let byte;
    do { byte = this.b[this.pos++]; v += (byte & 0x7f) * mul; mul *= 128; } while (byte & 0x80);
    return v;
  }
  sub() { const len = this.varint(); const r = new Reader(this.b, this.pos, this.pos + len); this.pos += len; return r; }
  string() { return new TextDecoder().decode(this.b.subarray(this.pos, this.end)); }
  fixed(n) { const dv = new DataView(this.b.buffer, this.b.byteOffset + this.pos, n); this.pos += n; return n === 4 ? dv.getFloat32(0, true) : dv.getFloat64(0, true); }
  skip(wire) {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.pos += this.varint();
    else if (wire === 5) this.pos += 4;
    else throw new Error('bad protobuf wire type ' + wire);
  }
}

const zigzag = (n) => (n % 2 === 1 ? -(n + 1) / 2 : n / 2);

function readLayer(r) {
  let name = ''; let extent = 4096;
  const keys = []; const values = []; const raw = [];
  while (r.more()) {
    const tag = r.varint();
    switch (tag >>> 3) {
      case 1: name = r.sub().string(); break;
      case 2: raw.push(r.sub()); break;
      case 3: keys.push(r.sub().string()); break;
      case 4: values.push(readValue(r.sub())); break;
      case 5: extent = r.varint(); break;
      default: r.skip(tag & 7);
    }
  }
  return { name, extent, features: raw.map((f) => readFeature(f, keys, values)) };
}

function readValue(r) {
  let v = null;
  while (r.more()) {
    const tag = r.varint();
    switch (tag >>> 3) {
      case 1: v = r.sub().string(); break;
      case 2: v = r.fixed(4); break;
      case 3: v = r.fixed(8); break;
      case 4: case 5: v = r.varint(); break;
      case 6: v = zigzag(r.varint()); break;
      case 7: v = r.varint() !== 0; break;
      default: r.skip(tag & 7);
    }
  }
  return v;
}

function readFeature(r, keys, values) {
  const properties = {}; let type = 0; let geometry = [];
  while (r.more()) {
    const tag = r.varint();
    const field = tag >>> 3;
    if (field === 2) {
      const t = r.sub();
      while (t.more()) { const k = t.varint(); const v = t.varint(); properties[keys[k]] = values[v]; }
    } else if (field === 3) type = r.varint();
    else if (field === 4) geometry = readGeometry(r.sub());
    else r.skip(tag & 7);
  }
  return { type, properties, geometry };
}

/** Geometry commands → list of parts, each a list of [x, y] in tile units (rings for polygons). */
function readGeometry(r) {
  const parts = []; let part = null; let x = 0; let y = 0;
  while (r.more()) {
    const cmd = r.varint(); const id = cmd & 7; const count = cmd >> 3;
    if (id === 7) { if (part && part.length) part.push(part[0]); continue; }
    for (let i = 0; i < count; i++) {
      x += zigzag(r.varint()); y += zigzag(r.varint());
      if (id === 1) { part = []; parts.push(part); }
      part.push([x, y]);
    }
  }
  return parts;
}

/**
 * A Leaflet grid layer drawing one vector-tile layer on canvases.
 * options: url(coords) → tile URL, layerName, draw(ctx, feature, scale) per feature,
 * hitRadius(feature) in screen pixels (points), onError(err), and optionally fetch(url, init) to use
 * instead of window.fetch (to send credentials).
 * Decoded features stay per tile for click look-ups (featuresAt); each canvas notes its count in
 * data-features so tests and tools can see what is drawn.
 */
export const MvtLayer = L.GridLayer.extend({
  initialize(options) {
    L.GridLayer.prototype.initialize.call(this, options);
    this._decoded = new Map();
    this._aborts = new Map();
    this.on('tileunload', (e) => {
      const key = this._tileCoordsToKey(e.coords);
      this._decoded.delete(key);
      const ctl = this._aborts.get(key);
      if (ctl) { ctl.abort(); this._aborts.delete(key); }
    });
  },

  createTile(coords, done) {
    const size = this.getTileSize();
    const ratio = window.devicePixelRatio || 1;
    const canvas = L.DomUtil.create('canvas', 'rm-vector-tile');
    canvas.width = size.x * ratio; canvas.height = size.y * ratio;
    canvas.style.width = size.x + 'px'; canvas.style.height = size.y + 'px';
    canvas.dataset.features = '0';
    this._load(coords, canvas, done);
    return canvas;
  },

  /** Fetches the tile at coords and draws it on canvas, replacing what it showed once the new tile is in (no blank between). */
  _load(coords, canvas, done) {
    const size = this.getTileSize();
    const ratio = window.devicePixelRatio || 1;
    const key = this._tileCoordsToKey(coords);
    const previous = this._aborts.get(key);
    if (previous) previous.abort();
    const ctl = new AbortController();
    this._aborts.set(key, ctl);
    (this.options.fetch || fetch)(this.options.url(coords), { signal: ctl.signal })
      .then(async (res) => {
        if (!res.ok) throw await apiErrorOf(res);
        return res.arrayBuffer();
      })
      .then((buf) => {
        const layer = buf.byteLength ? decodeMvt(buf)[this.options.layerName] : null;
        const features = layer ? layer.features : [];
        const extent = layer ? layer.extent : 4096;
        this._decoded.set(key, { coords, features, extent });
        const ctx = canvas.getContext('2d');
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        ctx.clearRect(0, 0, size.x, size.y);
        const scale = size.x / extent;
        for (const f of features) this.options.draw(ctx, f, scale);
        canvas.dataset.features = String(features.length);
        done(null, canvas);
      })
      .catch((err) => {
        if (err.name === 'AbortError') return;
        if (this.options.onError) this.options.onError(err);
        done(null, canvas); // an empty tile; the message says what went wrong
      })
      .finally(() => { if (this._aborts.get(key) === ctl) this._aborts.delete(key); });
  },

  /**
   * Leaflet's redraw as it is, but with a whole tile zoom: Leaflet 1.9.4 takes the map's zoom as it
   * stands, a fraction during a flyTo, and a sign-in in mid-flight asked for tiles at z=11.998.
   */
  redraw() {
    if (!this._map) return this;
    this._removeAllTiles();
    const z = this._clampZoom(Math.round(this._map.getZoom()));
    if (z !== this._tileZoom) { this._tileZoom = z; this._updateLevels(); }
    this._update();
    return this;
  },

  /**
   * Loads again, in place, the tiles now shown that a change within bbox ([minLon, minLat, maxLon,
   * maxLat]; null: anywhere) may have touched: the tile and a quarter-tile margin, as far as the
   * server's aggregation cells and symbols reach.
   */
  refreshWithin(bbox) {
    const changed = bbox && L.latLngBounds([bbox[1], bbox[0]], [bbox[3], bbox[2]]);
    for (const key in this._tiles) {
      const tile = this._tiles[key];
      if (changed && !this._tileCoordsToBounds(tile.coords).pad(0.25).intersects(changed)) continue;
      // a tile still on its first load hands Leaflet's done on: its aborted fetch never calls it,
      // and without it the layer never fires 'load'
      this._load(tile.coords, tile.el, tile.loaded ? () => {} : (err, el) => this._tileReady(tile.coords, err, el));
    }
  },

  /** Features under a map position, topmost first: points within their hit radius, polygons containing it. */
  featuresAt(latlng) {
    const map = this._map;
    if (!map) return [];
    const z = this._tileZoom;
    const size = this.getTileSize().x;
    const p = map.project(latlng, z);
    const tx = Math.floor(p.x / size); const ty = Math.floor(p.y / size);
    const entry = this._decoded.get(`${tx}:${ty}:${z}`);
    if (!entry) return [];
    const scale = size / entry.extent;
    const px = (p.x - tx * size) / scale; const py = (p.y - ty * size) / scale;
    const hits = [];
    for (const f of entry.features) {
      if (f.type === 1) {
        const [x, y] = f.geometry[0][0];
        const d = Math.hypot(x - px, y - py) * scale;
        if (d <= this.options.hitRadius(f)) hits.push({ feature: f, d, latlng: toLatLng(map, tx, ty, z, size, scale, x, y) });
      } else if (f.type === 3 && insideRings(f.geometry, px, py)) {
        hits.push({ feature: f, d: Infinity, latlng });
      }
    }
    return hits.sort((a, b) => a.d - b.d);
  },

  /** Number of features drawn on the tiles now shown. */
  drawnCount() {
    let n = 0;
    for (const key in this._tiles) n += Number(this._tiles[key].el.dataset.features || 0);
    return n;
  },
});

function toLatLng(map, tx, ty, z, size, scale, x, y) {
  return map.unproject([tx * size + x * scale, ty * size + y * scale], z);
}

function insideRings(rings, x, y) {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]; const [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** An Error carrying the API's {"error","detail"} (or the HTTP status when the body is not that). */
export async function apiErrorOf(res) {
  let detail = `HTTP ${res.status}`;
  let code = 'http_' + res.status;
  try {
    const body = await res.json();
    if (body && body.detail) { detail = body.detail; code = body.error || code; }
  } catch (ignored) { /* not JSON: keep the status */ }
  const err = new Error(detail);
  err.code = code; err.status = res.status; err.url = res.url;
  return err;
}
