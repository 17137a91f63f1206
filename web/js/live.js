// Live map updates (issue 16): the server's feed of feature changes (GET /api/events) — made
// through any server on the database — loads again the tiles a change touched, and the stats.
// The feed is read with fetch (readEvents), so a token travels as on every other request.
import { readEvents } from './warning-board.js';

/** The map's layer of each collection the feed names. */
const LAYER_OF = { hazards: 'hazards', risk_zones: 'zones', shelters: 'shelters' };
/** Changes arriving together (an editor's burst, an import) cause one reload. */
const SETTLE_MS = 250;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30000;

/**
 * Follows the feed for as long as the page is open. {@code layers} are the map's MvtLayers by
 * name; {@code onChanged()} runs after each reload (the stats). After a reconnect every shown
 * tile is loaded again, for the changes sent while the page was not listening.
 */
export function followChanges({ map, layers, onChanged }) {
  const pending = new Map(); // layer name → bboxes, or null for "anywhere"
  const status = document.getElementById('map').dataset; // data-live="1" while the feed is open
  let timer = null;
  let retry = RETRY_MIN_MS;
  let connectedBefore = false;

  function note(name, bbox) {
    if (!layers[name]) return;
    const boxes = pending.has(name) ? pending.get(name) : [];
    pending.set(name, boxes === null || bbox === null ? null : [...boxes, bbox]);
    if (!timer) timer = setTimeout(flush, SETTLE_MS);
  }

  function flush() {
    timer = null;
    for (const [name, boxes] of pending) {
      const layer = layers[name];
      if (!map.hasLayer(layer)) continue;
      if (boxes === null) layer.refreshWithin(null);
      else boxes.forEach((b) => layer.refreshWithin(b));
    }
    pending.clear();
    onChanged();
  }

  function onEvent(name, data) {
    if (name === 'ready') {
      retry = RETRY_MIN_MS;
      status.live = '1';
      if (connectedBefore) Object.keys(layers).forEach((n) => note(n, null));
      connectedBefore = true;
    } else if (name === 'change') {
      const change = JSON.parse(data);
      note(LAYER_OF[change.layer], change.bbox || null);
    }
  }

  async function run() {
    for (;;) {
      try {
        await readEvents('api/events', onEvent);
      } catch (ignored) { /* refused or unreachable: try again later; the map works without the feed */ }
      status.live = '0';
      await new Promise((r) => setTimeout(r, retry));
      retry = Math.min(retry * 2, RETRY_MAX_MS);
    }
  }
  run();
}
