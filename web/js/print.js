// The print view (打印): one A4 sheet per view — landscape by default, portrait on request — holding an
// editable title, the live map of the current view with its scale bar and a north arrow, the page's own
// legend, the active filters and the date and time. The map element itself moves into the sheet while
// the view is open (so what is printed is what the map shows, tiles and results included) and moves back
// when it closes. The screen shows the sheet at its printed size; @media print (print.css) hides every
// other part of the page. Also puts a metric scale bar on the interactive map.
import { t, addTexts, categoryName } from './i18n.js';
import { localDateTime } from './format.js';

addTexts({
  zh: {
    tool_print: '打印', print_dialog: '打印预览', print_title: '标题', print_orientation: '纸张方向', print_landscape: 'A4 横向', print_portrait: 'A4 纵向',
    print_go: '打印', print_close: '关闭', print_view: '当前视野', print_filters: '筛选条件', print_layers: '图层',
    print_all: '全部', print_printed: '打印时间', print_scale: '比例尺', print_crs: '坐标系 WGS 84（EPSG:4326），Web 墨卡托投影', print_north: '指北针',
  },
  en: {
    tool_print: 'Print', print_dialog: 'Print preview', print_title: 'Title', print_orientation: 'Paper', print_landscape: 'A4 landscape', print_portrait: 'A4 portrait',
    print_go: 'Print', print_close: 'Close', print_view: 'current view', print_filters: 'Filters', print_layers: 'Layers',
    print_all: 'all', print_printed: 'Printed', print_scale: 'Scale', print_crs: 'WGS 84 (EPSG:4326), Web Mercator projection', print_north: 'North arrow',
  },
});

/** Metres on the ground per CSS pixel on paper: CSS pixels are 1/96 inch when printed. */
const PAPER_METRES_PER_PX = 0.0254 / 96;

const VIEW_HTML = `
  <h2 id="print-dialog-title" class="visually-hidden" data-i18n="print_dialog">打印预览</h2>
  <div class="print-toolbar">
    <label><span data-i18n="print_title">标题</span> <input id="print-title-input" maxlength="120"></label>
    <label><span data-i18n="print_orientation">纸张方向</span> <select id="print-orientation">
      <option value="landscape" data-i18n="print_landscape">A4 横向</option><option value="portrait" data-i18n="print_portrait">A4 纵向</option></select></label>
    <button type="button" id="print-go" class="primary" data-i18n="print_go">打印</button>
    <button type="button" id="print-close" data-i18n="print_close">关闭</button>
  </div>
  <div class="print-paper"><div class="print-sheet" id="print-sheet">
    <header class="print-head"><h1 id="print-title"></h1><p class="print-when"><span data-i18n="print_printed">打印时间</span> <time id="print-date"></time></p></header>
    <div class="print-map" id="print-map-slot">
      <svg class="print-north" id="print-north" viewBox="0 0 40 56" width="34" height="48" role="img" aria-labelledby="print-north-label">
        <title id="print-north-label" data-i18n="print_north">指北针</title>
        <text x="20" y="13" text-anchor="middle">N</text>
        <path d="M20 17 L31 52 L20 44 Z" fill="#1d2733"/><path d="M20 17 L9 52 L20 44 Z" fill="#fff" stroke="#1d2733" stroke-width="1.5"/>
      </svg>
    </div>
    <div class="print-side">
      <section><h2 data-i18n="legend">图例</h2><div id="print-legend"></div></section>
      <section><h2 data-i18n="print_filters">筛选条件</h2><dl id="print-filters"></dl></section>
      <section class="print-meta"><p><span data-i18n="print_scale">比例尺</span> <span id="print-ratio"></span></p>
        <p data-i18n="print_crs">坐标系</p><p id="print-base"></p></section>
    </div>
  </div></div>`;

/**
 * Wires the 打印 button (#tool-print) and adds the scale bar. {@code state} is the page's filter state
 * (enabled, categories, minLevel, statuses, admin, zones, shelters); {@code api(path)} answers JSON;
 * {@code onOpen()} lets the page put its tools down first. Returns {@code styled}, a promise of its stylesheet's arrival.
 */
export function initPrint({ map, state, api, onOpen }) {
  // its stylesheet, where the page's link for it stood (after app.css): the first paint needs none of it
  const css = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: 'print.css' });
  document.querySelector('link[href="app.css"]').after(css);
  const styled = new Promise((resolve) => { css.onload = resolve; css.onerror = resolve; });
  L.control.scale({ metric: true, imperial: false, maxWidth: 160 }).addTo(map);
  const $ = (id) => document.getElementById(id);
  const view = document.createElement('div');
  view.id = 'print-view';
  view.hidden = true;
  view.setAttribute('role', 'dialog');
  view.setAttribute('aria-modal', 'true');
  view.setAttribute('aria-labelledby', 'print-dialog-title');
  view.innerHTML = VIEW_HTML;
  document.body.appendChild(view);
  const pageSize = document.createElement('style');
  document.head.appendChild(pageSize);
  const mapEl = map.getContainer();
  let home = null; // where the map element sits on the page while the view is closed
  let titleEdited = false;
  let openedForPrinting = false;

  function setOrientation(value) {
    $('print-sheet').dataset.orientation = value;
    pageSize.textContent = `@page { size: A4 ${value}; margin: 10mm; }`;
    map.invalidateSize();
  }

  /** The default title: the county-code filter's region by name (once the server has named it), else the view's centre. */
  function setDefaultTitle() {
    const c = map.getCenter();
    const centre = `${Math.abs(c.lat).toFixed(2)}°${c.lat >= 0 ? 'N' : 'S'} ${Math.abs(c.lng).toFixed(2)}°${c.lng >= 0 ? 'E' : 'W'}`;
    setTitle(`${t('title')} — ${state.admin ? `${t('county')} ${state.admin}` : `${t('print_view')} ${centre}`}`);
    if (!state.admin) return;
    const code = state.admin;
    api(`api/regions/${encodeURIComponent(code)}`).then((r) => {
      if (!titleEdited && !view.hidden && code === state.admin) setTitle(`${t('title')} — ${r.name}（${r.code}）`);
    }, () => {}); // an unknown code keeps the code as the title
  }

  function setTitle(text) {
    $('print-title-input').value = text;
    $('print-title').textContent = text;
  }

  function filterRows() {
    const all = t('print_all');
    const cats = state.categories.every((c) => state.enabled.has(c)) ? all : [...state.enabled].map(categoryName).join('、') || '—';
    const level = state.minLevel > 1 ? `≥ ${state.minLevel} ${t('level_' + state.minLevel)}` : t('any_level');
    const statuses = state.statuses.size ? [...state.statuses].map((s) => t('st_' + s)).join('、') : all;
    const shown = [state.enabled.size ? t('hazards') : null, state.zones ? t('risk_zones') : null, state.shelters ? t('shelters') : null].filter(Boolean);
    return [['f_category', cats], ['min_level', level], ['status', statuses], ['county', state.admin || all], ['print_layers', shown.join('、') || '—']];
  }

  /** The nominal scale of the printed map, 1 : n rounded to two significant digits, along the map's middle. */
  function ratio() {
    const size = map.getSize();
    const y = size.y / 2;
    const metres = map.distance(map.containerPointToLatLng([0, y]), map.containerPointToLatLng([size.x, y]));
    const n = metres / size.x / PAPER_METRES_PER_PX;
    const step = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
    return `≈ 1 : ${(Math.round(n / step) * step).toLocaleString('en-US').replace(/,/g, ' ')}`;
  }

  function fillFacts() {
    const legend = $('legend').cloneNode(true);
    legend.removeAttribute('id');
    legend.querySelectorAll('[id]').forEach((el) => el.removeAttribute('id'));
    legend.className = 'print-legend';
    $('print-legend').replaceChildren(legend);
    $('print-filters').replaceChildren(...filterRows().flatMap(([key, value]) => {
      const dt = document.createElement('dt'); dt.textContent = t(key);
      const dd = document.createElement('dd'); dd.textContent = value;
      return [dt, dd];
    }));
    const now = new Date();
    $('print-date').textContent = localDateTime(now);
    $('print-date').dateTime = now.toISOString();
    $('print-ratio').textContent = ratio();
    $('print-base').textContent = $('base-note').textContent;
  }

  function open() {
    if (!view.hidden) return;
    if (onOpen) onOpen();
    home = { parent: mapEl.parentNode, next: mapEl.nextSibling };
    $('print-map-slot').prepend(mapEl);
    document.body.classList.add('rm-printing');
    view.hidden = false;
    setOrientation($('print-orientation').value);
    fillFacts();
    if (!titleEdited) setDefaultTitle();
    $('print-title-input').focus();
  }

  function close() {
    if (view.hidden) return;
    home.parent.insertBefore(mapEl, home.next);
    document.body.classList.remove('rm-printing');
    view.hidden = true;
    map.invalidateSize();
    $('tool-print').focus();
  }

  $('tool-print').addEventListener('click', open);
  $('print-close').addEventListener('click', close);
  $('print-go').addEventListener('click', () => { fillFacts(); window.print(); });
  $('print-orientation').addEventListener('change', (e) => { setOrientation(e.target.value); fillFacts(); });
  $('print-title-input').addEventListener('input', (e) => { titleEdited = true; $('print-title').textContent = e.target.value; });
  view.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
  map.on('moveend', () => { if (!view.hidden) fillFacts(); });
  // Ctrl+P without the view: print the sheet all the same (tiles the larger map newly needs may still be loading)
  window.addEventListener('beforeprint', () => { if (view.hidden) { openedForPrinting = true; open(); } else fillFacts(); });
  window.addEventListener('afterprint', () => { if (openedForPrinting) { openedForPrinting = false; close(); } });
  return { styled };
}
