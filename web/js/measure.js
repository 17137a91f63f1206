// Measure tool (测距 / 测面): click points on the map; the length of the line or the area of the
// polygon is shown as it grows, geodesic on the WGS-84 ellipsoid. Double-click or 完成 ends it.
// From the keyboard (as the other tools, see a11y.js): Enter on a measure button puts the focus on
// the map, Enter there adds the map centre, the arrow keys pan, Escape ends it and refocuses the button.
import { t, addTexts } from './i18n.js';
import { keyboardTool } from './a11y.js';

addTexts({
  zh: {
    ms_distance: '测距', ms_area: '测面', ms_finish: '完成', ms_clear: '清除', ms_hint_distance: '依次点击地图量测距离，双击或点“完成”结束',
    ms_hint_area: '依次点击地图绘制多边形量测面积，双击或点“完成”结束', ms_length: '长度', ms_area_label: '面积', ms_mu: '亩', ms_tools: '量测',
  },
  en: {
    ms_distance: 'Distance', ms_area: 'Area', ms_finish: 'Finish', ms_clear: 'Clear', ms_hint_distance: 'Click points on the map to measure a distance; double-click or Finish ends it',
    ms_hint_area: 'Click the corners of a polygon to measure its area; double-click or Finish ends it', ms_length: 'Length', ms_area_label: 'Area', ms_mu: 'mu', ms_tools: 'Measure',
  },
});

const A = 6378137; const F = 1 / 298.257223563; const B = A * (1 - F); // WGS-84
const E2 = F * (2 - F);
const SQ_M_PER_MU = 10000 / 15;

/** Geodesic distance in metres between two lat/lon points (Vincenty's inverse formula on WGS-84). */
export function geodesicMetres(p, q) {
  const rad = Math.PI / 180;
  const L0 = (q.lng - p.lng) * rad;
  const U1 = Math.atan((1 - F) * Math.tan(p.lat * rad)); const U2 = Math.atan((1 - F) * Math.tan(q.lat * rad));
  const sinU1 = Math.sin(U1); const cosU1 = Math.cos(U1); const sinU2 = Math.sin(U2); const cosU2 = Math.cos(U2);
  let lambda = L0; let prev; let iter = 0;
  let sinSigma; let cosSigma; let sigma; let cos2Alpha; let cos2SigmaM;
  do {
    const sinL = Math.sin(lambda); const cosL = Math.cos(lambda);
    sinSigma = Math.hypot(cosU2 * sinL, cosU1 * sinU2 - sinU1 * cosU2 * cosL);
    if (sinSigma === 0) return 0;
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    cos2Alpha = 1 - sinAlpha * sinAlpha;
    cos2SigmaM = cos2Alpha ? cosSigma - (2 * sinU1 * sinU2) / cos2Alpha : 0;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    prev = lambda;
    lambda = L0 + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
  } while (Math.abs(lambda - prev) > 1e-12 && ++iter < 200);
  const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
  const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const dSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
    - (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
  return B * bigA * (sigma - dSigma);
}

/**
 * Area in square metres of a polygon given by its corners, on the WGS-84 ellipsoid: the ring in
 * the equal-area cylindrical projection of the authalic sphere (authalic latitude), where areas
 * are exact; edges are straight there rather than geodesic, which differs negligibly for
 * polygons of county size.
 */
export function geodesicSquareMetres(latlngs) {
  const e = Math.sqrt(E2);
  const q = (phi) => { const s = Math.sin(phi); return (1 - E2) * (s / (1 - E2 * s * s) - Math.log((1 - e * s) / (1 + e * s)) / (2 * e)); };
  const qp = q(Math.PI / 2);
  const rq2 = (A * A * qp) / 2; // authalic radius squared
  const rad = Math.PI / 180;
  let sum = 0;
  for (let i = 0; i < latlngs.length; i++) {
    const a = latlngs[i]; const b = latlngs[(i + 1) % latlngs.length];
    const sinBetaA = q(a.lat * rad) / qp; const sinBetaB = q(b.lat * rad) / qp; // sine of the authalic latitude
    sum += (b.lng - a.lng) * rad * (sinBetaA + sinBetaB) / 2;
  }
  return Math.abs(sum * rq2);
}

function formatLength(m) {
  return m >= 1000 ? `${(m / 1000).toFixed(m >= 100000 ? 1 : 3)} km` : `${m.toFixed(1)} m`;
}
function formatArea(m2) {
  const main = m2 >= 1e6 ? `${(m2 / 1e6).toFixed(3)} km²` : `${Math.round(m2).toLocaleString('en')} m²`;
  return `${main} · ${(m2 / SQ_M_PER_MU).toLocaleString('en', { maximumFractionDigits: 1 })} ${t('ms_mu')}`;
}

/** The measure control; {@code onStart} cancels the page's other map tools. */
export function initMeasure({ map, onStart }) {
  const layer = L.layerGroup().addTo(map);
  let mode = null; let points = [];
  const box = L.DomUtil.create('div', 'rm-measure leaflet-bar');
  box.id = 'measure';
  box.setAttribute('role', 'group');
  box.innerHTML = `<button type="button" id="measure-distance" data-i18n="ms_distance"></button>
    <button type="button" id="measure-area" data-i18n="ms_area"></button>
    <div id="measure-panel" hidden><p id="measure-hint" class="muted"></p>
      <output id="measure-result" aria-live="polite"></output>
      <div><button type="button" id="measure-finish" data-i18n="ms_finish"></button> <button type="button" id="measure-clear" data-i18n="ms_clear"></button></div></div>`;
  const control = L.control({ position: 'topleft' });
  control.onAdd = () => box;
  control.addTo(map);
  L.DomEvent.disableClickPropagation(box);
  const $ = (id) => box.querySelector('#' + id);
  box.setAttribute('aria-label', t('ms_tools'));

  function draw() {
    layer.clearLayers();
    if (!points.length) return;
    const style = { color: '#00695c', weight: 2.5, interactive: false };
    if (mode === 'area' && points.length > 2) L.polygon(points, { ...style, fillOpacity: 0.15 }).addTo(layer);
    else L.polyline(points, style).addTo(layer);
    points.forEach((p) => L.circleMarker(p, { radius: 3.5, color: '#00695c', fillColor: '#fff', fillOpacity: 1, weight: 2, interactive: false }).addTo(layer));
    const out = $('measure-result');
    if (mode === 'distance') {
      let m = 0;
      for (let i = 1; i < points.length; i++) m += geodesicMetres(points[i - 1], points[i]);
      out.dataset.metres = String(m);
      out.textContent = `${t('ms_length')}: ${formatLength(m)}`;
    } else {
      const m2 = points.length > 2 ? geodesicSquareMetres(points) : 0;
      out.dataset.squareMetres = String(m2);
      out.textContent = `${t('ms_area_label')}: ${formatArea(m2)}`;
    }
  }

  function start(kind) {
    if (mode === kind) { stop(); return; }
    onStart();
    mode = kind; points = [];
    const out = $('measure-result');
    out.textContent = ''; delete out.dataset.metres; delete out.dataset.squareMetres;
    layer.clearLayers();
    $('measure-panel').hidden = false;
    $('measure-hint').dataset.i18n = kind === 'distance' ? 'ms_hint_distance' : 'ms_hint_area';
    $('measure-hint').textContent = t($('measure-hint').dataset.i18n);
    box.querySelectorAll('#measure-distance, #measure-area').forEach((b) => b.setAttribute('aria-pressed', String(b.id === 'measure-' + kind)));
    map.getContainer().classList.add('rm-picking');
  }
  /** Ends the measurement; the line or polygon and its figure stay until cleared or a new one starts. */
  function finish() {
    mode = null;
    box.querySelectorAll('#measure-distance, #measure-area').forEach((b) => b.setAttribute('aria-pressed', 'false'));
    map.getContainer().classList.remove('rm-picking');
  }
  function stop() {
    finish();
    points = []; layer.clearLayers();
    $('measure-panel').hidden = true;
  }
  ['distance', 'area'].forEach((kind) => $('measure-' + kind).addEventListener('click', () => start(kind)));
  keyboardTool({ map, buttons: [$('measure-distance'), $('measure-area')], active: () => Boolean(mode),
    pick: (latlng) => { points.push(latlng); draw(); }, end: finish });
  $('measure-finish').addEventListener('click', finish);
  $('measure-clear').addEventListener('click', stop);
  map.on('dblclick', (e) => {
    if (!mode) return;
    // the double-click's own two clicks added the same corner twice: keep it once
    const last = points[points.length - 1]; const before = points[points.length - 2];
    if (last && before && map.latLngToContainerPoint(last).distanceTo(map.latLngToContainerPoint(before)) < 4) points.pop();
    draw(); finish();
    L.DomEvent.stop(e);
  });

  function rerender() {
    box.setAttribute('aria-label', t('ms_tools'));
    box.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    if (points.length) draw();
  }
  rerender();

  return {
    /** Whether a map click belongs to the measurement (the page's click handler asks first). */
    takesClick(latlng) {
      if (!mode) return false;
      points.push(latlng); draw();
      return true;
    },
    cancel: stop,
    rerender,
  };
}
