// The map page's busy state (issue 14): while the map tiles, a result list or the statistics load,
// the element that waits says so (aria-busy="true" and a "加载中…" spinner drawn by feedback.css) and the
// top bar's #busy indicator shows; it goes when the last load ends. The indicator is not a live region:
// it comes and goes with every pan, and aria-busy on the waiting element already tells assistive technology.
import { t } from './i18n.js';

const loads = new Map(); // element → number of loads running for it

function mark(el, delta) {
  const n = (loads.get(el) || 0) + delta;
  if (n > 0) loads.set(el, n); else loads.delete(el);
  el.setAttribute('aria-busy', String(n > 0));
  el.dataset.loadingText = t('loading');
  document.getElementById('busy').hidden = loads.size === 0;
}

/** Starts a load for {@code el}; the returned function ends it (calling it again does nothing). */
export function beginLoad(el) {
  mark(el, 1);
  let ended = false;
  return () => { if (!ended) { ended = true; mark(el, -1); } };
}

/** {@code promise}, with {@code el} busy until it settles. */
export async function whileLoading(el, promise) {
  const end = beginLoad(el);
  try { return await promise; } finally { end(); }
}

/**
 * A Leaflet layer's tile loading ('loading' … 'load', or removed meanwhile) as a load of {@code el}.
 */
export function trackTiles(layer, el) {
  let end = null;
  const stop = () => { if (end) { end(); end = null; } };
  layer.on('loading', () => { if (!end) end = beginLoad(el); });
  layer.on('load remove', stop);
}

/**
 * Blanks the numbers {@code el} shows (its <b>, .chart-value and [data-count-for] elements) so that
 * none is read as current while new ones load.
 */
export function blankNumbers(el) {
  el.querySelectorAll('b, .chart-value, [data-count-for]').forEach((n) => { n.textContent = ''; });
}
