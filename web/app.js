// riskmap one-map page: hazard points, risk zones and shelters on one Leaflet map, with filters,
// statistics, the radius / area / nearest-shelter tools of the HTTP API (api.md §3, §5), a search
// box, the sign-in of token holders, who then see phones (issue 9), the active warnings for everyone
// and the warnings tool for accounts that may issue them (issue 10).
import { MvtLayer, apiErrorOf } from './js/mvt.js';
import { t, setLang, getLang, applyTexts, categoryName } from './js/i18n.js';
import * as session from './js/session.js';
import { initAccount, renderAccount, askForSignIn } from './js/account.js';
import { initSearch } from './js/search.js';
import { esc } from './js/format.js';
import { initPhone } from './js/phone.js';
import { initBaseMap, readBaseHash } from './js/basemap.js';
import { initLayerTree } from './js/layertree.js';
import { initTimeFilter, readTimeHash, writeTimeHash, datetimeParam, clearTime } from './js/timefilter.js';
import { LEVELS, SHELTER_COLOR, NEUTRAL, levelColor, pointRadius, cellRadius, drawPoint, drawCell, symbolSvg, applyLevelColors } from './js/symbols.js';
import { initMessages, showError, showMessage, rerenderMessages } from './js/messages.js';
import { whileLoading, trackTiles, blankNumbers } from './js/loading.js';
import { initKeyboard, activatable } from './js/a11y.js';

const CFG = window.RISKMAP_CONFIG || {};
const BUILTIN_CATEGORIES = ['landslide', 'flood', 'forest_fire'];
const STATUSES = ['active', 'monitoring', 'rectifying', 'rectified', 'closed'];
const HAZARD_FIELDS = ['id', 'name', 'category', 'risk_level', 'status', 'admin_code', 'county', 'township', 'village',
  'threatened_people', 'responsible_person', 'responsible_phone', 'responsible_unit', 'updated_at'];
const SHELTER_FIELDS = ['id', 'name', 'capacity', 'shelter_type', 'address', 'admin_code', 'updated_at'];
const zoneFields = () => ['id', 'name', 'category', 'risk_level', 'admin_code', ...(dualControl?.ZONE_DUAL_FIELDS ?? []), 'updated_at'];
const $ = (id) => document.getElementById(id);

// ---- state: what is shown, mirrored in the URL hash so a link reproduces the view ----
const state = {
  categories: [...BUILTIN_CATEGORIES], // known categories, in toggle order
  enabled: new Set(BUILTIN_CATEGORIES),
  minLevel: 1,
  statuses: new Set(), // empty = every status
  admin: '',
  zones: true,
  shelters: true,
};
let readable = false; // the server answers this page's reads (false until checked, and while it wants a sign-in)
let tilesBeforeCheck = false; // an anonymous visit's first tiles, asked for while the access check runs
let othersAfterHazards = false; // at the start the zones and shelters set up their tiles once the first hazard tile is drawn

setLang(localStorage.getItem('riskmap.lang') || 'zh');
const initialHash = readHash();
const map = L.map('map', { zoomControl: true, worldCopyJump: true, preferCanvas: false })
  .setView(initialHash.center || CFG.center || [34.5, 105], initialHash.zoom ?? CFG.zoom ?? 4);
map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
map.doubleClickZoom.disable();
// the results panel opening or closing resizes the map's grid cell: keep Leaflet's idea of its size in step
new ResizeObserver(() => map.invalidateSize({ pan: false })).observe(document.getElementById('map')); // double-click ends a polygon in the area tool; zoom buttons and wheel remain
const resultsLayer = L.layerGroup().addTo(map);
const sketchLayer = L.layerGroup().addTo(map);

// ---- messages: errors in their own area until dismissed, everything else on the status line (js/messages.js) ----
initMessages();

/** fetch with the session's token; a 401 goes to the session (sign-out, or a sign-in needed). */
async function fetchAuthorized(path, init) {
  const res = await session.authFetch(path, init);
  if (res.status === 401 && session.unauthorized(res.sentToken)) readsRefused();
  return res;
}
// tiles never hold phones and their ETag digests what they show, so revalidating a cached one is safe
const fetchTile = (url, init) => fetchAuthorized(url, { ...init, cache: 'no-cache' });

async function api(path, init) {
  let res;
  try {
    res = await fetchAuthorized(path, init);
  } catch (e) {
    const err = new Error(e.message || String(e)); err.url = path; throw err;
  }
  if (!res.ok) throw await apiErrorOf(res);
  return res.json();
}

// ---- base map: the configured services (base_maps) or the offline outlines (the 南海诸岛 inset comes with the workflows) ----
const baseMap = initBaseMap({ map, box: $('base-maps'), labelsBox: $('base-labels'), note: $('base-note'), showMessage, onChange: () => writeHash() });

// ---- vector layers from /tiles ----
function filterQuery({ withCategories = true, withStatuses = true } = {}) {
  const q = new URLSearchParams();
  if (withCategories && !allCategoriesOn()) q.set('category', [...state.enabled].join(','));
  if (state.minLevel > 1) q.set('min_level', state.minLevel);
  if (withStatuses && state.statuses.size) q.set('status', [...state.statuses].join(','));
  if (state.admin) q.set('admin_code', state.admin);
  if (datetimeParam()) q.set('datetime', datetimeParam());
  return q;
}
function allCategoriesOn() { return state.categories.every((c) => state.enabled.has(c)); }

/** A hazard tile feature: a cell of several points as a numbered circle, a single point (also a cell of one) as its symbol. */
function drawHazard(ctx, f, scale) {
  const [x0, y0] = f.geometry[0][0];
  const p = f.properties;
  if (isCluster(p)) drawCell(ctx, p.count, p.max_risk_level, x0 * scale, y0 * scale);
  else drawPoint(ctx, p.category, p.risk_level ?? p.max_risk_level, x0 * scale, y0 * scale);
}
/** Low-zoom tiles give a lone point as a cell of one with its category: drawn and hit as the point it is. */
const isCluster = (p) => p.count !== undefined && !(p.count === 1 && p.category);

function drawShelter(ctx, f, scale) {
  const [x0, y0] = f.geometry[0][0];
  const x = x0 * scale; const y = y0 * scale;
  ctx.beginPath();
  ctx.moveTo(x, y - 8); ctx.lineTo(x + 7, y - 1.5); ctx.lineTo(x + 5, y - 1.5); ctx.lineTo(x + 5, y + 6);
  ctx.lineTo(x - 5, y + 6); ctx.lineTo(x - 5, y - 1.5); ctx.lineTo(x - 7, y - 1.5); ctx.closePath();
  ctx.fillStyle = SHELTER_COLOR; ctx.fill(); ctx.lineWidth = 1.2; ctx.strokeStyle = '#fff'; ctx.stroke();
}

function drawZone(ctx, f, scale) {
  if (f.type !== 3) return;
  ctx.beginPath();
  for (const ring of f.geometry) {
    ring.forEach(([x, y], i) => (i ? ctx.lineTo(x * scale, y * scale) : ctx.moveTo(x * scale, y * scale)));
    ctx.closePath();
  }
  const c = levelColor(f.properties.risk_level);
  ctx.fillStyle = c; ctx.globalAlpha = 0.2; ctx.fill('evenodd'); ctx.globalAlpha = 0.9;
  ctx.setLineDash([5, 3]); ctx.lineWidth = 1.6; ctx.strokeStyle = c; ctx.stroke(); ctx.setLineDash([]); ctx.globalAlpha = 1;
}

const tileErrors = (err) => {
  if (err.status === 401) return; // went to the session already (a sign-in is needed, or the token expired)
  if (!tileErrors.shown || Date.now() - tileErrors.shown > 5000) { tileErrors.shown = Date.now(); showError(err); }
};
function tileUrl(collection, query) {
  return (c) => `tiles/${collection}/${c.z}/${c.x}/${c.y}.mvt${query() ? '?' + query() : ''}`;
}
const layers = {
  hazards: new MvtLayer({
    url: tileUrl('hazards', () => filterQuery().toString()), layerName: 'hazards', draw: drawHazard,
    hitRadius: (f) => (isCluster(f.properties) ? cellRadius(f.properties.count) : pointRadius(f.properties.risk_level ?? f.properties.max_risk_level) + 2),
    onError: tileErrors, fetch: fetchTile, zIndex: 30, className: 'rm-layer-hazards', updateWhenZooming: false,
  }),
  zones: new MvtLayer({
    // zones follow the category, level and county filters; they have no status, so that filter is the points' alone
    url: tileUrl('risk_zones', () => filterQuery({ withStatuses: false }).toString()), layerName: 'risk_zones', draw: drawZone, hitRadius: () => 0,
    onError: tileErrors, fetch: fetchTile, zIndex: 10, className: 'rm-layer-zones', updateWhenZooming: false,
  }),
  shelters: new MvtLayer({
    url: tileUrl('shelters', () => ''), layerName: 'shelters', draw: drawShelter, hitRadius: () => 9,
    onError: tileErrors, fetch: fetchTile, zIndex: 20, className: 'rm-layer-shelters', minZoom: 5, updateWhenZooming: false,
  }),
};

function syncLayers() {
  const shown = readable || tilesBeforeCheck;
  const others = shown && !othersAfterHazards;
  const want = { hazards: shown && state.enabled.size > 0 && !overdue?.active(), zones: others && state.zones && state.enabled.size > 0, shelters: others && state.shelters };
  for (const [name, layer] of Object.entries(layers)) {
    if (want[name] && !map.hasLayer(layer)) layer.addTo(map);
    if (!want[name] && map.hasLayer(layer)) map.removeLayer(layer);
  }
}
layers.hazards.on('loading', () => { $('map').dataset.hazardsLoading = '1'; });
layers.hazards.on('load', () => { $('map').dataset.hazardsLoading = '0'; });
Object.values(layers).forEach((layer) => trackTiles(layer, $('map')));

// ---- sidebar: category toggles, filters, legend ----
function renderCategoryToggles(counts = {}) {
  const box = $('category-toggles');
  box.replaceChildren(...state.categories.map((c) => {
    const label = document.createElement('label');
    label.className = 'toggle';
    label.innerHTML = `<input type="checkbox" data-category="${esc(c)}"${state.enabled.has(c) ? ' checked' : ''}>
      ${symbolSvg(c)}
      <span class="name">${esc(categoryName(c))}</span><span class="count" data-count-for="${esc(c)}">${counts[c] ?? ''}</span>`;
    label.querySelector('input').addEventListener('change', (e) => {
      if (e.target.checked) state.enabled.add(c); else state.enabled.delete(c);
      filtersChanged();
    });
    return label;
  }));
}

function renderStatusBoxes() {
  $('status-boxes').replaceChildren(...STATUSES.map((s) => {
    const label = document.createElement('label');
    label.className = 'chip';
    label.innerHTML = `<input type="checkbox" value="${s}"${state.statuses.has(s) ? ' checked' : ''}> <span>${esc(t('st_' + s))}</span>`;
    label.querySelector('input').addEventListener('change', (e) => {
      if (e.target.checked) state.statuses.add(s); else state.statuses.delete(s);
      filtersChanged();
    });
    return label;
  }));
}

function renderLegend() {
  const levels = LEVELS.map((l) => `<div class="legend-row" data-level="${l}">${symbolSvg('flood', l)}${l} · ${esc(t('level_' + l))}</div>`).join('');
  const shapes = ['landslide', 'flood', 'forest_fire'].map((c) => `<div class="legend-row" data-category="${c}">${symbolSvg(c)}${esc(categoryName(c))}</div>`).join('');
  $('legend').innerHTML = `<div class="legend-col">${levels}<div class="legend-row note">${esc(t('legend_level_number'))}</div></div><div class="legend-col">${shapes}
    <div class="legend-row"><span class="shape cluster">12</span>${esc(t('cat_cluster'))}</div>
    <div class="legend-row"><span class="shape shelter"></span>${esc(t('cat_shelter'))}</div>
    <div class="legend-row"><span class="shape zone"></span>${esc(t('cat_zone'))}</div></div>`;
}

function readFilterInputs() {
  state.minLevel = Number($('filter-level').value) || 1;
  const admin = $('filter-admin').value.trim();
  if (admin === '' || /^[0-9]{2,12}$/.test(admin)) { state.admin = admin; $('filter-admin').classList.remove('invalid'); } else { $('filter-admin').classList.add('invalid'); return false; }
  state.zones = $('layer-zones').checked;
  state.shelters = $('layer-shelters').checked;
  return true;
}
function writeFilterInputs() {
  $('filter-level').value = String(state.minLevel);
  $('filter-admin').value = state.admin;
  $('layer-zones').checked = state.zones;
  $('layer-shelters').checked = state.shelters;
  renderCategoryToggles(lastCounts);
  renderStatusBoxes();
}
['filter-level', 'layer-zones', 'layer-shelters'].forEach((id) => $(id).addEventListener('change', () => { if (readFilterInputs()) filtersChanged(); }));
$('filter-admin').addEventListener('change', () => { if (readFilterInputs()) filtersChanged(); });
$('filters-clear').addEventListener('click', () => {
  state.enabled = new Set(state.categories); state.minLevel = 1; state.statuses.clear(); state.admin = ''; clearTime();
  writeFilterInputs(); timeFilter.write(); filtersChanged();
});

function filtersChanged() {
  layerTree.refresh();
  syncLayers();
  for (const name of ['hazards', 'zones']) if (map.hasLayer(layers[name])) layers[name].redraw();
  writeHash();
  refreshStats();
}

// ---- URL hash: #map=zoom/lat/lon&cat=…&min_level=…&status=…&admin_code=…&zones=0&shelters=0 ----
function readHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  const out = {};
  const m = (h.get('map') || '').split('/').map(Number);
  if (m.length === 3 && m.every(Number.isFinite)) { out.zoom = m[0]; out.center = [m[1], m[2]]; }
  if (h.has('cat')) {
    const cats = h.get('cat').split(',').filter((c) => /^[a-z][a-z0-9_]{1,39}$/.test(c));
    cats.forEach((c) => { if (!state.categories.includes(c)) state.categories.push(c); });
    state.enabled = new Set(cats);
  } else {
    state.enabled = new Set(state.categories);
  }
  const lvl = Number(h.get('min_level'));
  state.minLevel = lvl >= 1 && lvl <= 4 ? lvl : 1;
  state.statuses = new Set((h.get('status') || '').split(',').filter((s) => STATUSES.includes(s)));
  state.admin = /^[0-9]{2,12}$/.test(h.get('admin_code') || '') ? h.get('admin_code') : '';
  state.zones = h.get('zones') !== '0';
  state.shelters = h.get('shelters') !== '0';
  readBaseHash(h); readTimeHash(h);
  return out;
}
let writingHash = false;
function writeHash() {
  const c = map.getCenter(); const z = map.getZoom();
  const digits = Math.max(2, Math.ceil(Math.log10(2 ** z)) + 1);
  const h = new URLSearchParams();
  h.set('map', `${z}/${c.lat.toFixed(digits)}/${c.lng.toFixed(digits)}`);
  if (!allCategoriesOn()) h.set('cat', [...state.enabled].join(','));
  if (state.minLevel > 1) h.set('min_level', state.minLevel);
  if (state.statuses.size) h.set('status', [...state.statuses].join(','));
  if (state.admin) h.set('admin_code', state.admin);
  if (!state.zones) h.set('zones', '0');
  if (!state.shelters) h.set('shelters', '0');
  baseMap.writeHash(h);
  writeTimeHash(h);
  const next = '#' + h.toString().replace(/%2F/g, '/').replace(/%2C/g, ',');
  if (next !== location.hash) { writingHash = true; history.replaceState(null, '', next); writingHash = false; }
}
window.addEventListener('hashchange', () => {
  if (writingHash) return;
  const v = readHash();
  if (v.center) map.setView(v.center, v.zoom);
  baseMap.applyHash();
  writeFilterInputs(); timeFilter.write(); filtersChanged();
});

// ---- statistics for the current view ----
let lastCounts = {};
let statsSeq = 0;
async function refreshStats() {
  const seq = ++statsSeq;
  if (!readable) { $('stats').innerHTML = `<p class="signin-needed">${esc(t('stats_need_signin'))}</p>`; return; }
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
    .map((v) => v.toFixed(5)).join(',');
  // the same filters as the map, so counts, lists and tiles always agree
  const byCat = filterQuery({ withCategories: false });
  byCat.set('group_by', 'category'); byCat.set('bbox', bbox);
  const byLevel = filterQuery();
  byLevel.set('group_by', 'risk_level'); byLevel.set('bbox', bbox);
  // numbers of the previous view or filters are not shown as current
  blankNumbers($('stats')); blankNumbers($('category-toggles'));
  try {
    const [cats, levels] = await whileLoading($('stats'), Promise.all([
      api('api/stats?' + byCat),
      state.enabled.size ? api('api/stats?' + byLevel) : Promise.resolve({ rows: [] }),
    ]));
    if (seq !== statsSeq) return;
    lastCounts = {};
    for (const r of cats.rows) {
      lastCounts[r.key] = r.count;
      if (!state.categories.includes(String(r.key))) { state.categories.push(String(r.key)); state.enabled.add(String(r.key)); renderCategoryToggles(); }
    }
    document.querySelectorAll('[data-count-for]').forEach((el) => { el.textContent = lastCounts[el.dataset.countFor] ?? 0; });
    renderStats(cats.rows, levels.rows);
  } catch (e) {
    if (seq === statsSeq) showError(e);
  }
}

function renderStats(catRows, levelRows) {
  const levelCounts = { 1: 0, 2: 0, 3: 0, 4: 0 };
  let people = 0;
  for (const r of levelRows) {
    const l = Number(r.key);
    if (l >= state.minLevel) { levelCounts[l] = r.count; people += r.threatened_people || 0; }
  }
  const total = Object.values(levelCounts).reduce((a, b) => a + b, 0);
  const cats = catRows.filter((r) => state.enabled.has(String(r.key))).sort((a, b) => b.count - a.count);
  const bars = (rows, color, label) => {
    const max = Math.max(1, ...rows.map((r) => r.count));
    const h = 18;
    const name = rows.map((r) => `${label(r)} ${r.count}`).join(', ');
    return `<svg class="chart" width="100%" height="${rows.length * h + 2}" viewBox="0 0 240 ${rows.length * h + 2}" role="img" aria-label="${esc(name)}">` + rows.map((r, i) => {
      const w = Math.max(r.count ? 2 : 0, (r.count / max) * 120);
      return `<text x="0" y="${i * h + 13}" class="chart-label">${esc(label(r))}</text>
        <rect x="84" y="${i * h + 3}" width="${w.toFixed(1)}" height="12" rx="2" fill="${color(r)}"></rect>
        <text x="${(88 + w).toFixed(1)}" y="${i * h + 13}" class="chart-value">${r.count.toLocaleString()}</text>`;
    }).join('') + '</svg>';
  };
  const levelList = [4, 3, 2, 1].filter((l) => l >= state.minLevel).map((l) => ({ key: l, count: levelCounts[l] }));
  $('stats').innerHTML = `<div class="stat-total"><span>${esc(t('total'))}</span> <b id="stat-total">${total.toLocaleString()}</b>
      <span>${esc(t('threatened'))}</span> <b>${people.toLocaleString()}</b></div>
    <h3>${esc(t('by_level'))}</h3>${bars(levelList, (r) => levelColor(r.key), (r) => `${r.key} ${t('level_' + r.key)}`)}
    <h3>${esc(t('by_category'))}</h3>${bars(cats, () => NEUTRAL, (r) => categoryName(String(r.key)))}`;
}

let statsTimer = null;
map.on('moveend', () => {
  writeHash();
  clearTimeout(statsTimer);
  statsTimer = setTimeout(refreshStats, 250);
});

// ---- popups: click on a feature ----
function fieldRows(props, fields) {
  return fields.filter((f) => props[f] !== undefined && props[f] !== null && props[f] !== '').map((f) => {
    let v = props[f];
    if (f === 'category') v = categoryName(v);
    else if (f === 'risk_level' || f === 'max_risk_level') v = `<span class="badge l${v}">${v} · ${esc(t('level_' + v))}</span>`;
    else if (f === 'status') v = t('st_' + v);
    else if (f === 'updated_at') v = new Date(v).toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB');
    else if (typeof v === 'number') v = v.toLocaleString();
    return `<tr data-field="${f}"><th>${esc(t('f_' + f))}</th><td>${f === 'risk_level' || f === 'max_risk_level' ? v : esc(String(v))}</td></tr>`;
  }).join('');
}

function popupFor(hit, kind) {
  const tileProps = hit.feature.properties;
  const loneCell = kind === 'hazards' && !isCluster(tileProps) && tileProps.count !== undefined;
  const p = loneCell ? { id: tileProps.id, category: tileProps.category, risk_level: tileProps.max_risk_level, threatened_people: tileProps.threatened_people } : tileProps;
  const div = document.createElement('div');
  div.className = 'rm-popup';
  if (kind === 'hazards' && isCluster(p)) {
    div.innerHTML = `<h3>${esc(t('cluster'))}</h3><table>${fieldRows(p, ['count', 'max_risk_level', 'threatened_people'])}</table>
      <button type="button" class="zoom">${esc(t('zoom_in'))}</button>`;
    div.querySelector('.zoom').addEventListener('click', () => map.setView(hit.latlng, Math.min(map.getZoom() + 2, 18)));
    return div;
  }
  const fields = kind === 'hazards' ? HAZARD_FIELDS : kind === 'shelters' ? SHELTER_FIELDS : zoneFields();
  if (kind === 'hazards' && p.id && (loneCell || (p.responsible_phone === undefined && canSeePhones()))) {
    // tiles never carry phones, nor a low-zoom lone point's name: the feature itself has them
    api(`api/hazards/${encodeURIComponent(p.id)}`)
      .then((f) => {
        const all = { ...p, ...f.properties };
        div.querySelector('h3').textContent = all.name || all.id;
        div.querySelector('table').innerHTML = fieldRows(all, fields);
      })
      .catch(showError);
  }
  div.innerHTML = `<h3>${esc(p.name || p.id)}</h3><table>${fieldRows(p, fields)}</table>
    <div class="popup-actions"><button type="button" class="near">${esc(t('nearest_shelters_here'))}</button>
    ${kind !== 'zones' ? `<button type="button" class="radius">${esc(t('radius_here'))}</button>` : ''}</div>`;
  div.querySelector('.near').addEventListener('click', () => { map.closePopup(); nearestShelters(hit.latlng); });
  const r = div.querySelector('.radius');
  if (r) r.addEventListener('click', () => { map.closePopup(); radiusQuery(hit.latlng); });
  if (kind === 'zones' && p.id) {
    whenWorkflowsIn(() => {
      if (fields.length < zoneFields().length) div.querySelector('table').innerHTML = fieldRows(p, zoneFields()); // opened before dual control was in
      dualControl.addZoneActions(div, p, { api, showError });
    });
  }
  if (kind === 'hazards' && p.id) whenWorkflowsIn(() => inspection.decoratePopup(div, p.id, p.name, hit.latlng));
  return div;
}

map.on('click', (e) => {
  if (measure?.takesClick(e.latlng)) return;
  if (tool) { onToolClick(e.latlng, e.originalEvent); return; }
  const hit = pickFeature(e.latlng);
  if (!hit) return;
  const popup = L.popup({ maxWidth: 340 }).setLatLng(hit.latlng).setContent(popupFor(hit, hit.kind)).openOn(map);
  // a cluster's popup describes what this zoom groups: zooming in reveals its points, so it goes
  if (hit.kind === 'hazards' && isCluster(hit.feature.properties)) map.once('zoomstart', () => map.closePopup(popup));
});

/** The point nearest the click among hazards and shelters (a shelter beside a hazard is its own), else the zone under it. */
function pickFeature(latlng) {
  const hitsOf = (kind) => (map.hasLayer(layers[kind]) ? layers[kind].featuresAt(latlng).map((h) => ({ ...h, kind })) : []);
  const points = [...hitsOf('hazards'), ...hitsOf('shelters')].sort((a, b) => a.d - b.d);
  return points[0] || hitsOf('zones')[0] || null;
}

// ---- tools ----
let tool = null;
let toolFor = null; // a callback that takes the drawn ring or the clicked point instead of a query (the warnings tool)
let radiusCenter = null;
let areaVertices = [];
let lastResult = null; // { kind, data } so a language switch can render it again

function setTool(name, taker = null) {
  if (name) measure?.cancel();
  tool = name;
  toolFor = taker;
  document.querySelectorAll('[data-tool]').forEach((b) => {
    b.classList.toggle('active', b.dataset.tool === name);
    b.setAttribute('aria-pressed', String(b.dataset.tool === name));
  });
  $('map').classList.toggle('rm-picking', !!name);
  $('hint').hidden = !name;
  $('hint-radius').hidden = name !== 'radius';
  $('area-finish').hidden = name !== 'area';
  if (name) $('hint-text').textContent = t(hintKey());
  if (name !== 'area') { areaVertices = []; sketchLayer.clearLayers(); }
}
const hintKey = () => (toolFor ? (tool === 'area' ? 'hint_warn_area' : 'hint_warn_centre') : 'hint_' + tool);
document.querySelectorAll('[data-tool]').forEach((b) => b.addEventListener('click', () => {
  warnings?.hide();
  setTool(tool === b.dataset.tool && !toolFor ? null : b.dataset.tool);
}));
$('hint-cancel').addEventListener('click', () => setTool(null));
$('tool-clear').addEventListener('click', () => { setTool(null); clearResults(); });
$('results-close').addEventListener('click', clearResults);
$('area-finish').addEventListener('click', finishArea);
map.on('dblclick', () => { if (tool === 'area') finishArea(); });
['radius-value', 'radius-unit'].forEach((id) => $(id).addEventListener('change', () => { if (radiusCenter) radiusQuery(radiusCenter); }));

function onToolClick(latlng, event) {
  if (tool === 'point') { const take = toolFor; setTool(null); take(latlng); return; }
  if (tool === 'radius') radiusQuery(latlng);
  else if (tool === 'shelters') nearestShelters(latlng);
  else if (tool === 'area') {
    // the second click of a double-click on the last corner: that corner is in already, the dblclick finishes
    // (quick taps on a phone at other places count up event.detail too: those are corners)
    const last = areaVertices[areaVertices.length - 1];
    if (event && event.detail > 1 && last && map.latLngToContainerPoint(last).distanceTo(map.latLngToContainerPoint(latlng)) < 6) return;
    areaVertices.push(latlng);
    sketchLayer.clearLayers();
    // not interactive: a click on a corner drawn just now is a click on the map, for the tool
    L.polyline(areaVertices, { color: '#6a1b9a', weight: 2, dashArray: '4 3', interactive: false }).addTo(sketchLayer);
    areaVertices.forEach((v) => L.circleMarker(v, { radius: 4, color: '#6a1b9a', fillOpacity: 1, interactive: false }).addTo(sketchLayer));
  }
}

function clearResults() {
  resultsLayer.clearLayers(); sketchLayer.clearLayers();
  radiusCenter = null; areaVertices = []; lastResult = null;
  $('results').hidden = true; $('results-body').replaceChildren();
}

function radiusMetres() {
  const v = Number($('radius-value').value);
  return $('radius-unit').value === 'km' ? v * 1000 : v;
}

function formatDistance(m) {
  return m >= 1000 ? `${(m / 1000).toFixed(m >= 10000 ? 1 : 2)} km` : `${Math.round(m)} m`;
}
function direction(deg) {
  const names = t('dirs');
  return `${names[Math.round(deg / 45) % 8]} ${Math.round(deg)}°`;
}


async function radiusQuery(latlng, radius = radiusMetres()) {
  if (!(radius > 0)) { showMessage(`${t('error')}: ${t('radius')} > 0`); return; }
  radiusCenter = latlng;
  const lon = latlng.lng.toFixed(6); const lat = latlng.lat.toFixed(6);
  const q = filterQuery();
  q.set('lon', lon); q.set('lat', lat); q.set('radius', String(radius)); q.set('limit', '1000');
  resultsLayer.clearLayers();
  L.circle(latlng, { radius, color: '#c62828', weight: 2, fillOpacity: 0.06 }).addTo(resultsLayer);
  L.circleMarker(latlng, { radius: 4, color: '#c62828', fillOpacity: 1 }).addTo(resultsLayer);
  try {
    const fc = await whileLoading($('results'), api('api/hazards/near?' + q));
    if (radiusCenter !== latlng) return;
    lastResult = { kind: 'radius', data: fc, lon, lat, radius };
    renderResult();
  } catch (e) { showError(e); }
}

async function finishArea() {
  if (areaVertices.length < 3) return;
  const ring = areaVertices.map((v) => [Number(v.lng.toFixed(6)), Number(v.lat.toFixed(6))]);
  ring.push(ring[0]);
  const vertices = areaVertices;
  const take = toolFor;
  setTool(null);
  if (take) { take(ring); return; }
  resultsLayer.clearLayers();
  L.polygon(vertices, { color: '#6a1b9a', weight: 2, fillOpacity: 0.08 }).addTo(resultsLayer);
  try {
    const fc = await whileLoading($('results'), api('api/hazards/within?' + filterQuery(), {
      method: 'POST', headers: { 'Content-Type': 'application/geo+json' },
      body: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
    }));
    lastResult = { kind: 'area', data: fc, ring };
    renderResult();
  } catch (e) { showError(e); }
}

async function nearestShelters(latlng) {
  const lon = latlng.lng.toFixed(6); const lat = latlng.lat.toFixed(6);
  resultsLayer.clearLayers();
  L.circleMarker(latlng, { radius: 5, color: '#2e7d32', fillOpacity: 1 }).addTo(resultsLayer);
  try {
    const fc = await whileLoading($('results'), api(`api/shelters/nearest?lon=${lon}&lat=${lat}&k=5`));
    lastResult = { kind: 'shelters', data: fc, from: latlng };
    renderResult();
  } catch (e) { showError(e); }
}

function hazardMarkers(features) {
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    const icon = L.divIcon({ html: symbolSvg(f.properties.category, f.properties.risk_level), className: 'rm-result-icon', iconSize: [26, 26] });
    L.marker([lat, lon], { icon, className: 'rm-result-marker', title: f.properties.name }) // the title names it for screen readers
      .bindPopup(() => popupFor({ feature: { properties: f.properties }, latlng: L.latLng(lat, lon) }, 'hazards'))
      .addTo(resultsLayer);
  }
}

function renderResult() {
  if (!lastResult) return;
  const { kind, data } = lastResult;
  const body = $('results-body');
  $('results').hidden = false;
  $('results').dataset.kind = kind;
  // keep the drawn circle / polygon, replace the markers
  resultsLayer.eachLayer((l) => { if (l.options.className === 'rm-result-marker' || l.options.className === 'rm-shelter-line') resultsLayer.removeLayer(l); });
  if (kind === 'radius') {
    const feats = data.features;
    const people = feats.reduce((a, f) => a + (f.properties.threatened_people || 0), 0);
    $('results-title').textContent = `${t('tool_radius')} · ${formatDistance(lastResult.radius)}`;
    body.innerHTML = `<div class="result-summary" data-lon="${lastResult.lon}" data-lat="${lastResult.lat}" data-radius="${lastResult.radius}">
        <b id="result-count">${feats.length}</b> ${esc(t('n_points'))}${data.numberMatched > data.numberReturned ? ` (${esc(t('of_matched'))} ${data.numberMatched})` : ''} · ${esc(t('nearest_first'))}<br>
        ${esc(t('threatened'))}: <b id="result-people">${people.toLocaleString()}</b> ${esc(t('people'))}
        <button type="button" id="csv-download">${esc(t('csv'))}</button></div>
      ${feats.length ? '' : `<p class="note">${esc(t('no_results'))}</p>`}
      <ol class="result-list">${feats.map((f) => {
        const p = f.properties;
        return `<li data-id="${esc(f.id)}"><span class="badge l${p.risk_level}">${p.risk_level}</span> <b>${esc(p.name)}</b>
          <span class="muted">${esc(categoryName(p.category))}</span><br>
          <span class="dist">${formatDistance(p.distance_m)}</span> · <span class="dir">${esc(direction(p.bearing_deg))}</span>
          · ${esc(t('threatened'))} ${Number(p.threatened_people || 0).toLocaleString()}${personLine(p.responsible_person, p.responsible_phone)}</li>`;
      }).join('')}</ol>`;
    const { lon, lat, radius } = lastResult;
    $('csv-download').addEventListener('click', () => whenWorkflowsIn(() => csvExports.offerResultCsv('radius', feats, `hazards-near-${lon}-${lat}-${radius}m`)));
    hazardMarkers(feats);
    bindListClicks(feats);
  } else if (kind === 'area') {
    const feats = data.features;
    const s = data.summary || {};
    const byLevel = s.by_level || {};
    const withPhones = (s.responsible || []).some((r) => r.phone !== undefined);
    $('results-title').textContent = t('tool_area');
    body.innerHTML = `<div class="result-summary" data-ring="${esc(JSON.stringify(lastResult.ring))}"><b id="result-count">${s.count ?? feats.length}</b> ${esc(t('n_points'))} ·
        ${esc(t('threatened'))}: <b id="result-people">${Number(s.threatened_people || 0).toLocaleString()}</b> ${esc(t('people'))}
        <button type="button" id="csv-download">${esc(t('csv'))}</button></div>
      <table class="levels">${[4, 3, 2, 1].map((l) => `<tr><td><span class="badge l${l}">${l}</span> ${esc(t('level_' + l))}</td><td>${byLevel[l] ?? byLevel[String(l)] ?? 0}</td></tr>`).join('')}</table>
      <h3>${esc(t('responsible'))}</h3>
      <table class="responsible"><tr><th>${esc(t('person'))}</th>${withPhones ? `<th>${esc(t('f_responsible_phone'))}</th>` : ''}<th>${esc(t('unit'))}</th><th>${esc(t('count'))}</th></tr>
      ${(s.responsible || []).map((r) => `<tr><td>${esc(r.person || '—')}</td>${withPhones ? `<td class="phone">${esc(r.phone || '—')}</td>` : ''}<td>${esc(r.unit || '—')}</td><td>${r.count}</td></tr>`).join('')}</table>
      <ol class="result-list">${feats.map((f) => `<li data-id="${esc(f.id)}"><span class="badge l${f.properties.risk_level}">${f.properties.risk_level}</span> ${esc(f.properties.name)}</li>`).join('')}</ol>`;
    $('csv-download').addEventListener('click', () => whenWorkflowsIn(() => csvExports.offerResultCsv('area', feats, `hazards-within-${csvExports.fileStamp()}`)));
    hazardMarkers(feats);
    bindListClicks(feats);
  } else if (kind === 'shelters') {
    const from = lastResult.from;
    const [fromLon, fromLat] = [from.lng.toFixed(6), from.lat.toFixed(6)];
    $('results-title').textContent = t('tool_shelters');
    body.innerHTML = `<div class="result-summary" data-lon="${fromLon}" data-lat="${fromLat}"><button type="button" id="csv-download">${esc(t('csv'))}</button></div>
      <ol class="result-list">${data.features.map((f) => {
      const p = f.properties;
      return `<li data-id="${esc(f.id)}"><b>${esc(p.name)}</b><br><span class="dist">${formatDistance(p.distance_m)}</span>
        · ${esc(t('capacity'))} ${Number(p.capacity || 0).toLocaleString()} ${esc(t('people'))}${p.address ? `<br><span class="muted">${esc(p.address)}</span>` : ''}</li>`;
    }).join('')}</ol>`;
    $('csv-download').addEventListener('click', () => whenWorkflowsIn(() => csvExports.offerResultCsv('shelters', data.features, `shelters-nearest-${fromLon}-${fromLat}`)));
    for (const f of data.features) {
      const [lon, lat] = f.geometry.coordinates;
      const label = `${f.properties.name} · ${formatDistance(f.properties.distance_m)} · ${t('capacity')} ${f.properties.capacity}`;
      L.polyline([from, [lat, lon]], { color: SHELTER_COLOR, weight: 2.5, dashArray: '6 4', className: 'rm-shelter-line' })
        .bindTooltip(label, { sticky: true }).addTo(resultsLayer);
      L.circleMarker([lat, lon], { radius: 7, color: '#fff', weight: 2, fillColor: SHELTER_COLOR, fillOpacity: 1, className: 'rm-result-marker' })
        .bindTooltip(label).addTo(resultsLayer);
    }
    bindListClicks(data.features);
  }
}

/** "· 责任人 邓超 138…" under a listed point, the phone only where the server gave it. */
function personLine(person, phone) {
  if (!person) return '';
  return `<br><span class="muted">${esc(t('person'))} ${esc(person)}</span>${phone ? ` <span class="phone">${esc(phone)}</span>` : ''}`;
}

function bindListClicks(features) {
  const byId = new Map(features.map((f) => [String(f.id), f]));
  $('results-body').querySelectorAll('li[data-id]').forEach((li) => {
    activatable(li);
    li.addEventListener('click', () => {
      const f = byId.get(li.dataset.id);
      if (f) map.setView([f.geometry.coordinates[1], f.geometry.coordinates[0]], Math.max(map.getZoom(), 13));
    });
  });
}

// ---- language ----
function renderTexts() {
  applyTexts();
  renderCategoryToggles(lastCounts);
  renderStatusBoxes();
  renderLegend();
  if (tool) $('hint-text').textContent = t(hintKey());
  if ($('base-note').dataset.i18n) $('base-note').textContent = t($('base-note').dataset.i18n);
  baseMap.rerender(); inset?.rerender(); measure?.rerender(); coords?.rerender();
  renderResult();
  refreshStats();
  rerenderMessages();
  renderAccount();
  search.rerender();
  warnings?.rerender();
  activeWarnings?.rerender();
  allocation?.rerender();
  evacuation?.rerender();
}
$('lang-switch').addEventListener('click', () => {
  setLang(getLang() === 'zh' ? 'en' : 'zh');
  localStorage.setItem('riskmap.lang', getLang());
  renderTexts();
});

// ---- sign-in: whether the data can be read, and phones for accounts that may see them ----
let accessSeq = 0;
function canSeePhones() {
  const who = session.account();
  return !!who && (who.actions || []).includes('read_personal');
}

/** One cheap read decides whether the server shows data to this session; the map, lists and stats follow. */
async function checkAccess() {
  const seq = ++accessSeq;
  const res = await fetchAuthorized('ogc/conformance?f=json').catch((e) => { showError(e); return null; });
  if (seq !== accessSeq || (res && res.status === 401)) return; // a 401 went to the session already
  setReadable(true);
  activeWarnings?.refresh();
}

function setReadable(yes) {
  // the check confirmed what the first tiles were asked for under (no account): they stay
  const confirmed = tilesBeforeCheck && yes && !session.token();
  tilesBeforeCheck = false;
  readable = yes;
  $('signin-needed').hidden = yes;
  $('map-notice').hidden = yes;
  $('anon-note').hidden = !yes;
  const shown = Object.values(layers).filter((layer) => map.hasLayer(layer));
  syncLayers();
  // what a tile shows depends on the account: layers that stay on the map load their tiles again
  if (!confirmed) shown.filter((layer) => map.hasLayer(layer)).forEach((layer) => layer.redraw());
  refreshStats();
}

/** An anonymous read was refused: the server has public_read=false. */
function readsRefused() {
  if (!readable && !$('signin-needed').hidden) return;
  setReadable(false);
  showMessage(t('signin_needed'), 'info');
  askForSignIn();
}

$('map-notice-signin').addEventListener('click', askForSignIn);
session.onChange((who, reason) => {
  map.closePopup();
  clearResults(); // lists fetched under the other account may hold phones, or lack them
  if (reason === 'expired') showMessage(t('session_expired'), 'error');
  else if (reason === 'signed_out') showMessage(t('signed_out'), 'info');
  if (reason !== 'restored') checkAccess();
  activeWarnings?.rerender(); // the popups' board link depends on the account
});

// ---- search: regions by name or code, hazard points by name or id ----
async function goToSearchResult(item) {
  if (item.kind === 'region') {
    warnings?.takeRegion(item.region);
    await goToRegion(item.region.code);
    return;
  }
  const f = item.feature;

  const latlng = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
  const zoom = Math.max(map.getZoom(), 14);
  const open = () => L.popup({ maxWidth: 340 }).setLatLng(latlng)
    .setContent(popupFor({ feature: { properties: { ...f.properties, id: f.id } }, latlng }, 'hazards')).openOn(map);
  if (map.getZoom() === zoom && map.getCenter().distanceTo(latlng) < 1) { open(); return; }
  map.once('moveend', open);
  map.flyTo(latlng, zoom, { duration: 0.8 });
}
/** Fits the map to the extent of a region's data (a region without data says so). */
async function goToRegion(code) {
  const r = await api(`api/regions/${encodeURIComponent(code)}`);
  if (!r.extent) { showMessage(`${r.name} (${r.code}) ${t('region_no_data')}`, 'info'); return; }
  const [minx, miny, maxx, maxy] = r.extent;
  map.flyToBounds([[miny, minx], [maxy, maxx]], { maxZoom: 14, padding: [24, 24], duration: 0.8 });
}
const search = initSearch({ api, onPick: (item) => goToSearchResult(item).catch(showError), onError: showError });

// ---- the workflows the first view does not need: warnings (the active ones on the map for everyone, the
// tool for accounts with issue_warning), inspections (三查), the overdue filter (超期隐患), shelter allocation
// (安置分配), evacuation events (转移), live updates, CSV exports, print view (打印) and scale bar, measuring,
// the zones' dual control (双控) in their popups, the coordinates under the cursor, the 南海诸岛 inset.
// Their modules come by import() once the first tiles are drawn: on a phone's 150 ms link each module
// before the first paint costs it (bench/page_paint.sh). Until they are in, their handles are null.
let warnings = null; let activeWarnings = null; let inspection = null; let overdue = null;
let allocation = null; let evacuation = null; let measure = null; let csvExports = null; let dualControl = null; let coords = null; let inset = null;
let workflowsIn = null;
function loadWorkflows() {
  workflowsIn ??= Promise.all([import('./js/nanhai-inset.js'), import('./js/warnings.js'), import('./js/warning-map.js'), import('./js/inspection.js'),
    import('./js/overdue.js'), import('./js/allocation.js'), import('./js/evacuation.js'), import('./js/measure.js'), import('./js/coords.js'),
    import('./js/live.js'), import('./js/print.js'), import('./js/exports.js'), import('./js/dualcontrol.js')])
    .then(([nanhai, w, warningMap, insp, od, alloc, evac, meas, co, live, print, exp, dual]) => {
    // in the order the page once set them up, so the map's controls stack as they did
    inset = nanhai.initNanhaiInset({ map });
    warnings = w.initWarnings({
      map, api, showError,
      drawArea: (take) => setTool('area', take),
      pickPoint: (take) => setTool('point', take),
      goToRegion: (code) => goToRegion(code).catch(showError),
      onOpen: () => { clearResults(); evacuation.hide(); },
      onIssued: () => activeWarnings.refresh(),
    });
    activeWarnings = warningMap.initActiveWarnings({
      map, api, showError, isPicking: () => !!tool, mayOpenBoard: w.canIssue, openBoard: (id) => warnings.openBoard(id),
      goToRegion: (code) => goToRegion(code).catch(showError),
    });
    inspection = insp.initInspection({ map, showError, onOpen: () => { clearResults(); } });
    // the overdue filter puts its own layer in place of the hazard tiles while it is on
    overdue = od.initOverdue({ map, api, showError, onToggle: () => syncLayers() });
    allocation = alloc.initAllocation({
      map, api, showError, drawArea: (take) => setTool('area', take), pickPoint: (take) => setTool('point', take),
      onOpen: () => { clearResults(); warnings.hide(); },
    });
    evacuation = evac.initEvacuation({ map, api, showError, onOpen: () => { clearResults(); warnings.hide(); } });
    measure = meas.initMeasure({ map, onStart: () => { setTool(null); warnings.hide(); } });
    coords = co.initCoords({ map });
    // an edit made anywhere (any server, any page) reloads the tiles it touched
    live.followChanges({ map, layers, onChanged: () => refreshStats() });
    const printView = print.initPrint({ map, state, api, onOpen: () => setTool(null) });
    csvExports = exp;
    dualControl = dual;
    // their texts are in: the elements the page applied them to before (tool buttons, panels, the print view).
    // A result shown meanwhile needs none of them, and is left alone: redrawing it would replace its markers and close their popups
    applyTexts();
    if (readable) activeWarnings.refresh();
    return printView.styled.then(() => { document.body.dataset.workflows = 'in'; });
  });
  return workflowsIn;
}
const whenWorkflowsIn = (use) => loadWorkflows().then(use).catch(showError);
/** The workflows once the first hazard tiles are drawn (their setting up would hold the drawing), at most 3 s on. */
function loadWorkflowsAfterFirstTiles() {
  if (!map.hasLayer(layers.hazards) || !layers.hazards.isLoading()) { loadWorkflows(); return; }
  layers.hazards.once('load', loadWorkflows);
  setTimeout(loadWorkflows, 3000);
}
// a click on a workflow's button before its module is in waits for it, then counts
['tool-allocate', 'tool-print'].forEach((id) => $(id).addEventListener('click', (e) => {
  if (document.body.dataset.workflows) return;
  e.stopImmediatePropagation();
  whenWorkflowsIn(() => $(id).click());
}, { capture: true }));

// ---- planner tools: layer tree, measure, coordinates under the cursor, time filter on updated_at ----
const layerTree = initLayerTree({ group: $('layer-hazards'), categoriesBox: $('category-toggles'), state,
  onChange: () => { renderCategoryToggles(lastCounts); filtersChanged(); } });
const timeFilter = initTimeFilter({ from: $('filter-updated-from'), to: $('filter-updated-to'), error: $('filter-updated-error'), onChange: filtersChanged });
// ---- on a phone: bottom bar and sheets, and "my location" running the radius / shelter tools from there ----
initPhone({
  map, layers, showMessage,
  radiusFrom: (latlng, metres) => { setTool(null); radiusQuery(latlng, metres); },
  sheltersFrom: (latlng) => { setTool(null); nearestShelters(latlng); },
});

// ---- keyboard: tools without a mouse (js/a11y.js) ----
initKeyboard({ map, tool: () => tool, pick: onToolClick, cancel: () => setTool(null) });

// ---- start ----
window.addEventListener('unhandledrejection', (e) => { showError(e.reason instanceof Error ? e.reason : new Error(String(e.reason))); });
applyLevelColors();
applyTexts();
writeFilterInputs();
renderLegend();
initAccount({ api, onFailure: showError });
writeHash();
// without a stored token the first tiles need not wait for the access check: a server that wants a sign-in
// refuses them as it refuses the check (401), and the session takes that the same way
if (!session.token()) {
  tilesBeforeCheck = true;
  // setting up a desktop screen's zone and shelter tiles takes the main thread ~100 ms, which held the first hazard tile's drawing
  othersAfterHazards = true;
  syncLayers();
  const others = () => { if (othersAfterHazards) { othersAfterHazards = false; syncLayers(); } };
  if (map.hasLayer(layers.hazards)) { layers.hazards.once('tileload', others); setTimeout(others, 1500); } else others();
}
session.restore().catch(showError).finally(() => { renderAccount(); checkAccess().finally(loadWorkflowsAfterFirstTiles); });

// read-only handles for people poking at the page from the console, and for the browser test
window.riskmap = {
  map, layers, state, account: session.account, overdueShown: () => overdue.shown(), drawn: (name) => (map.hasLayer(layers[name]) ? layers[name].drawnCount() : 0), activeWarnings: () => activeWarnings.count(),
  allocationLines: () => allocation.lines(), allocationCsv: () => allocation.csv(), baseMap: () => baseMap.chosen(),
};
