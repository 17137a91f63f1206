// The map page on a phone (issue 14): the tools in a bottom bar within reach of one thumb, the
// results and tool panels as bottom sheets (peek ↔ expanded by a tap or a drag on the handle), the
// layers and filters as a sheet of their own, and "my location" — one request for the position,
// then hazards within 2 km or the nearest shelter from there in one tap each. The layout itself is
// web/phone.css; this module adds what CSS cannot: the bar's height, the sheets' state, short
// English labels that fit the bar, and the position.
import { addTexts, applyTexts, t } from './i18n.js';

addTexts({
  zh: {
    tool_locate: '我的位置', tool_layers: '图层', locate_hazards: '我附近 2 公里内的隐患', locate_shelter: '离我最近的避难所',
    locate_asking: '正在获取您的位置…', locate_accuracy: '精度', sheet_toggle: '展开或收起',
    locate_denied: '无法获取您的位置：浏览器未允许本页使用位置信息。请在浏览器或系统设置中允许本网站访问位置，或直接在地图上点选位置。',
    locate_unavailable: '暂时无法确定您的位置（没有定位信号或超时）。请到开阔处重试，或直接在地图上点选位置。',
    locate_unsupported: '此浏览器不向本页提供位置：定位需要通过 HTTPS（或本机地址）打开本页。请直接在地图上点选位置。',
    tool_radius_short: '半径查询', tool_area_short: '区域查询', tool_shelters_short: '最近避难所', tool_allocate_short: '安置分配',
    tool_warn_short: '发布预警', tool_evac_short: '转移', tool_clear_short: '清除结果',
  },
  en: {
    tool_locate: 'My location', tool_layers: 'Layers', locate_hazards: 'Hazards within 2 km of me', locate_shelter: 'Nearest shelter from here',
    locate_asking: 'Finding your position…', locate_accuracy: 'accuracy', sheet_toggle: 'Expand or collapse',
    locate_denied: 'Your location is not available: the browser did not allow this page to use it. Allow location for this site in the browser or system settings, or tap the map instead.',
    locate_unavailable: 'Your position cannot be determined now (no fix, or it took too long). Try again in the open, or tap the map instead.',
    locate_unsupported: 'This browser gives this page no position: location needs the page opened over HTTPS (or from this machine). Tap the map instead.',
    tool_radius_short: 'Radius', tool_area_short: 'Area', tool_shelters_short: 'Shelters', tool_allocate_short: 'Allocate',
    tool_warn_short: 'Warn', tool_evac_short: 'Evacuate', tool_clear_short: 'Clear',
  },
});

/** The phone layout's media query; web/phone.css uses the same two conditions. */
export const PHONE_QUERY = '(max-width: 600px), (max-height: 500px) and (max-width: 1000px)';
const SHEETS = ['results', 'warn-panel', 'alloc-panel', 'evac-panel'];
const LOCATE_RADIUS_METRES = 2000;
const DRAG_PX = 30; // a drag shorter than this is a tap
const $ = (id) => document.getElementById(id);

/**
 * Wires the phone parts. {@code radiusFrom(latlng, metres)} and {@code sheltersFrom(latlng)} run the
 * page's radius and nearest-shelter tools from a position; {@code showMessage(text, kind)} is the
 * page's message line; {@code layers.hazards} is the hazard tile layer, whose first drawn point
 * sets the performance mark {@code riskmap-first-data} (read by bench/page_paint.sh).
 */
export function initPhone({ map, layers, showMessage, radiusFrom, sheltersFrom }) {
  const phone = window.matchMedia(PHONE_QUERY);
  const bar = document.querySelector('#topbar .tools');
  new ResizeObserver(() => document.documentElement.style.setProperty('--rm-bar-h', `${bar.offsetHeight}px`)).observe(bar);
  const labels = () => {
    bar.querySelectorAll('button[data-i18n]').forEach((b) => {
      const full = b.dataset.i18nFull || b.dataset.i18n;
      b.dataset.i18nFull = full;
      b.dataset.i18n = phone.matches && t(full + '_short') !== full + '_short' ? full + '_short' : full;
    });
    applyTexts(bar);
  };
  phone.addEventListener('change', labels);
  labels();

  const sheets = SHEETS.map((id) => makeSheet($(id)));
  // a tool waiting for a point on the map folds the sheets to a peek, so the map is there to tap:
  // a tool button tapped, or a panel's own tool (warning area, households) starting to pick
  bar.addEventListener('click', (e) => { if (e.target.closest('[data-tool]')) sheets.forEach((peek) => peek(true)); });
  let picking = false;
  new MutationObserver(() => {
    const now = $('map').classList.contains('rm-picking');
    if (now && !picking) sheets.forEach((peek) => peek(true));
    picking = now;
  }).observe($('map'), { attributes: true, attributeFilter: ['class'] });
  initLayersSheet(bar);
  initLocate({ map, showMessage, radiusFrom, sheltersFrom });
  layers.hazards.on('tileload', (e) => {
    if (Number(e.tile.dataset.features) > 0 && !performance.getEntriesByName('riskmap-first-data').length) performance.mark('riskmap-first-data');
  });
}

/**
 * A panel as a bottom sheet: a handle that toggles peek ↔ expanded on a tap and follows a drag;
 * shown again, it opens expanded. Returns the function that sets it to a peek (true) or expanded.
 */
function makeSheet(panel) {
  const handle = document.createElement('button');
  handle.type = 'button';
  handle.className = 'rm-sheet-handle';
  handle.dataset.i18nTitle = 'sheet_toggle';
  handle.title = t('sheet_toggle'); // its accessible name too, and applyTexts keeps it in the page's language
  panel.prepend(handle);
  const setPeek = (peek) => { panel.dataset.sheet = peek ? 'peek' : 'full'; handle.setAttribute('aria-expanded', String(!peek)); };
  setPeek(false);
  new MutationObserver(() => { if (!panel.hidden) setPeek(false); }).observe(panel, { attributes: true, attributeFilter: ['hidden'] });
  let startY = null;
  handle.addEventListener('pointerdown', (e) => { startY = e.clientY; handle.setPointerCapture(e.pointerId); });
  handle.addEventListener('pointerup', (e) => {
    if (startY === null) return;
    const dy = e.clientY - startY;
    startY = null;
    setPeek(Math.abs(dy) < DRAG_PX ? panel.dataset.sheet !== 'peek' : dy > 0);
  });
  handle.addEventListener('pointercancel', () => { startY = null; });
  handle.addEventListener('click', (e) => { if (e.detail === 0) setPeek(panel.dataset.sheet !== 'peek'); }); // keyboard: Enter or Space
  return setPeek;
}

/** The sidebar (layers, filters, legend, statistics, account) as a sheet behind the 图层 button. */
function initLayersSheet(bar) {
  const button = $('tool-layers');
  const open = (yes) => { document.body.classList.toggle('rm-side-open', yes); button.setAttribute('aria-expanded', String(yes)); };
  button.addEventListener('click', () => open(!document.body.classList.contains('rm-side-open')));
  bar.addEventListener('click', (e) => { if (e.target.closest('button') && e.target.closest('button') !== button) open(false); });
}

/** 我的位置: one position request per tap on the button, then one tap for each question asked from there. */
function initLocate({ map, showMessage, radiusFrom, sheltersFrom }) {
  const panel = $('locate-panel');
  const marks = L.layerGroup().addTo(map);
  let here = null;
  const ready = (yes) => { $('locate-hazards').disabled = !yes; $('locate-shelter').disabled = !yes; };
  const fail = (key) => { panel.hidden = true; showMessage(t(key), 'error'); };

  $('tool-locate').addEventListener('click', () => {
    if (!navigator.geolocation || !window.isSecureContext) { fail('locate_unsupported'); return; }
    here = null;
    ready(false);
    $('locate-where').textContent = t('locate_asking');
    panel.hidden = false;
    navigator.geolocation.getCurrentPosition((pos) => {
      const { latitude, longitude, accuracy } = pos.coords;
      here = L.latLng(latitude, longitude);
      marks.clearLayers();
      L.circle(here, { radius: accuracy, color: '#1565c0', weight: 1, fillOpacity: 0.1, interactive: false }).addTo(marks);
      L.circleMarker(here, { radius: 7, color: '#fff', weight: 2, fillColor: '#1565c0', fillOpacity: 1, interactive: false, className: 'rm-my-location' }).addTo(marks);
      map.setView(here, Math.max(map.getZoom(), 14));
      $('locate-where').textContent = `${latitude.toFixed(5)}, ${longitude.toFixed(5)} (${t('locate_accuracy')} ±${Math.round(accuracy)} m)`;
      ready(true);
      $('locate-hazards').focus();
    }, (err) => fail(err.code === err.PERMISSION_DENIED ? 'locate_denied' : 'locate_unavailable'),
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 });
  });
  $('locate-hazards').addEventListener('click', () => { panel.hidden = true; radiusFrom(here, LOCATE_RADIUS_METRES); });
  $('locate-shelter').addEventListener('click', () => { panel.hidden = true; sheltersFrom(here); });
  $('locate-close').addEventListener('click', () => { panel.hidden = true; });
}
