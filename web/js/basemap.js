// Base maps: the raster services the server is configured with (setting base_maps, read from
// base-maps.json), chosen in the layer tree and remembered (localStorage and #base= in the link),
// and the offline layer, which needs no tile server: province outlines, county outlines from
// zoom 7 and county names from zoom 8 (web/data/, sources and licences in web/data/README.md).
import { t, tf, getLang, addTexts } from './i18n.js';

// base_offline and offline_switched replace the page's older texts, which named province outlines only
addTexts({
  zh: {
    bm_offline: '离线底图（行政区划轮廓）', bm_labels: '注记', bm_group: '底图', base_offline: '离线底图（行政区划轮廓）',
    offline_switched: '底图“{name}”无法访问，已切换到离线底图（行政区划轮廓）',
  },
  en: {
    bm_offline: 'Offline (administrative outlines)', bm_labels: 'Labels', bm_group: 'Base map', base_offline: 'Offline base map (administrative outlines)',
    offline_switched: 'The base map “{name}” cannot be reached; switched to the offline base map (administrative outlines)',
  },
});

const ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const OFFLINE = 'offline';
const COUNTY_ZOOM = 7;
const COUNTY_LABEL_ZOOM = 8;
const PROBE_TIMEOUT_MS = 4000;
const STORAGE_KEY = 'riskmap.base';

/** What the link says (#base=…&labels=0); read before the map exists. */
const fromLink = { base: null, labels: true };
export function readBaseHash(h) {
  fromLink.base = ID.test(h.get('base') || '') ? h.get('base') : null;
  fromLink.labels = h.get('labels') !== '0';
}

let provincesPromise = null;
/** The offline province outlines (Natural Earth), fetched once for the base map and the inset. */
export function provinceOutlines() {
  if (!provincesPromise) provincesPromise = fetch('data/china-provinces.geojson').then((r) => r.json());
  return provincesPromise;
}

function tileUrlFor(template, subdomains, z, x, y) {
  return template.replace('{s}', (subdomains || 'a')[0]).replace('{z}', z).replace('{x}', x).replace('{y}', y).replace('{r}', '');
}

/**
 * Starts the base map of {@code map}. {@code box} receives the radio list, {@code labelsBox} the
 * labels checkbox, {@code note} says which kind is shown (data-base = online | offline).
 */
export function initBaseMap({ map, box, labelsBox, note, showMessage, onChange }) {
  const state = { list: [], chosen: null, shown: null, labels: fromLink.labels };
  let raster = null; let rasterLabels = null; let offline = null;
  const tileOverride = new URLSearchParams(location.search).get('tiles'); // ?tiles=<template>|offline, one visit

  for (const pane of [['rm-base', 150], ['rm-base-labels', 160]]) { // under the tiles (200) and overlays
    if (!map.getPane(pane[0])) map.createPane(pane[0]).style.zIndex = pane[1];
    map.getPane(pane[0]).style.pointerEvents = 'none';
  }

  // ---- the offline layer ----
  function offlineLayer() {
    if (offline) return offline;
    offline = { group: L.layerGroup(), counties: L.layerGroup(), countyLabels: L.layerGroup(), provinces: [], loaded: new Map() };
    provinceOutlines().then((gj) => {
      L.geoJSON(gj, {
        interactive: false, pane: 'rm-base',
        style: { color: '#8d7f6a', weight: 1, fillColor: '#f7f3e8', fillOpacity: 1 },
        onEachFeature: (f, layer) => {
          offline.provinces.push({ code: String(f.properties.code), bounds: layer.getBounds() });
          layer.bindTooltip(() => (getLang() === 'zh' ? f.properties.name_zh : f.properties.name_en),
            { permanent: true, direction: 'center', className: 'rm-province-label', pane: 'rm-base-labels' });
        },
      }).addTo(offline.group);
      offline.counties.addTo(offline.group);
      updateOffline();
    }).catch((e) => showMessage(String(e.message || e)));
    return offline;
  }

  /** County outlines of the provinces in view, each province's file fetched once. */
  function updateOffline() {
    if (!offline || state.shown !== OFFLINE) return;
    const z = map.getZoom();
    map.getContainer().classList.toggle('rm-labels-hidden', z < 5);
    map.getContainer().classList.toggle('rm-province-labels-hidden', z >= COUNTY_LABEL_ZOOM);
    if (z >= COUNTY_LABEL_ZOOM && !offline.group.hasLayer(offline.countyLabels)) offline.countyLabels.addTo(offline.group);
    if (z < COUNTY_LABEL_ZOOM && offline.group.hasLayer(offline.countyLabels)) offline.group.removeLayer(offline.countyLabels);
    if (z < COUNTY_ZOOM) { offline.group.removeLayer(offline.counties); return; }
    if (!offline.group.hasLayer(offline.counties)) offline.counties.addTo(offline.group);
    const view = map.getBounds();
    for (const p of offline.provinces) {
      if (!view.intersects(p.bounds) || offline.loaded.has(p.code)) continue;
      offline.loaded.set(p.code, fetch(`data/counties/${p.code}.geojson`).then((r) => (r.ok ? r.json() : null)).then((gj) => {
        if (gj) addCounties(gj);
      }).catch(() => {}));
    }
  }

  function addCounties(gj) {
    L.geoJSON(gj, { interactive: false, pane: 'rm-base', style: { color: '#a08f74', weight: 0.8, fill: false, dashArray: '3 2', className: 'rm-county' } })
      .addTo(offline.counties);
    for (const f of gj.features) {
      const [lon, lat] = f.properties.label;
      const icon = L.divIcon({ className: 'rm-county-label', html: '', iconSize: null });
      const m = L.marker([lat, lon], { icon, interactive: false, keyboard: false, pane: 'rm-base-labels' });
      m.on('add', () => {
        const el = m.getElement();
        el.textContent = f.properties.name;
        if (f.properties.code) el.dataset.code = f.properties.code;
      });
      m.addTo(offline.countyLabels);
    }
  }
  map.on('zoomend moveend', updateOffline);

  // ---- raster services ----
  function entry(id) { return state.list.find((b) => b.id === id); }
  function nameOf(b) { return b.id === OFFLINE ? t('bm_offline') : (getLang() === 'zh' ? b.name : b.name_en || b.name); }

  function show(kind) {
    state.shown = kind;
    if (kind === OFFLINE) {
      if (raster) map.removeLayer(raster);
      if (rasterLabels) map.removeLayer(rasterLabels);
      offlineLayer().group.addTo(map);
      updateOffline();
    } else if (offline) {
      map.removeLayer(offline.group);
    }
    map.getContainer().classList.toggle('rm-offline', kind === OFFLINE);
    note.dataset.i18n = kind === OFFLINE ? 'base_offline' : 'base_online';
    note.textContent = t(note.dataset.i18n);
    note.dataset.base = kind === OFFLINE ? 'offline' : 'online';
    note.dataset.id = kind === OFFLINE ? OFFLINE : state.chosen;
    syncLabels();
  }

  function syncLabels() {
    map.getContainer().classList.toggle('rm-base-labels-off', !state.labels);
    if (!rasterLabels) return;
    const want = state.labels && state.shown !== OFFLINE;
    if (want && !map.hasLayer(rasterLabels)) rasterLabels.addTo(map);
    if (!want && map.hasLayer(rasterLabels)) map.removeLayer(rasterLabels);
  }

  /** Shows base map {@code id}; an unreachable service falls back to the offline layer, keeping the choice. */
  function select(id, { remember = true } = {}) {
    const b = entry(id) || entry(OFFLINE);
    state.chosen = b.id;
    if (remember && b.id !== 'link') localStorage.setItem(STORAGE_KEY, b.id);
    if (raster) { map.removeLayer(raster); raster = null; }
    if (rasterLabels) { map.removeLayer(rasterLabels); rasterLabels = null; }
    renderList();
    onChange();
    if (b.id === OFFLINE) { show(OFFLINE); return; }
    const options = { attribution: b.attribution || '', subdomains: b.subdomains || 'abc', maxZoom: 22, maxNativeZoom: b.max_zoom || 18 };
    const layer = L.tileLayer(b.url, options);
    const labels = b.labels_url ? L.tileLayer(b.labels_url, { ...options, attribution: '', zIndex: 5 }) : null;
    // one probe tile first, so a closed intranet never fills the page with broken images
    const probe = new Image();
    let settled = false;
    const fail = () => {
      if (settled || state.chosen !== b.id) return;
      settled = true; show(OFFLINE); showMessage(tf('offline_switched', { name: nameOf(b) }), 'info');
    };
    const timer = setTimeout(fail, PROBE_TIMEOUT_MS);
    probe.onload = () => {
      if (settled || state.chosen !== b.id) return;
      settled = true; clearTimeout(timer);
      raster = layer; rasterLabels = labels;
      raster.addTo(map);
      show('online');
      // a server that later stops answering: after a run of failures with no success, go offline
      let errors = 0; let loaded = 0;
      raster.on('tileload', () => { loaded++; });
      raster.on('tileerror', () => { errors++; if (errors >= 8 && loaded === 0 && raster === layer && state.shown !== OFFLINE) fail(); });
    };
    probe.onerror = () => { clearTimeout(timer); fail(); };
    probe.src = tileUrlFor(b.url, b.subdomains, 4, 12, 6);
  }

  function renderList() {
    box.replaceChildren(...state.list.map((b) => {
      const label = document.createElement('label');
      label.className = 'toggle';
      const input = document.createElement('input');
      input.type = 'radio'; input.name = 'base-map'; input.value = b.id; input.checked = b.id === state.chosen;
      input.addEventListener('change', () => { if (input.checked) select(b.id); });
      const span = document.createElement('span');
      span.textContent = nameOf(b);
      label.append(input, ' ', span);
      return label;
    }));
    labelsBox.replaceChildren();
    const label = document.createElement('label');
    label.className = 'toggle';
    const input = document.createElement('input');
    input.type = 'checkbox'; input.id = 'layer-labels'; input.checked = state.labels;
    input.addEventListener('change', () => { state.labels = input.checked; syncLabels(); onChange(); });
    const span = document.createElement('span');
    span.textContent = t('bm_labels');
    label.append(input, ' ', span);
    labelsBox.append(label);
  }

  async function start() {
    let configured = [];
    try {
      const res = await fetch('base-maps.json');
      if (res.ok) configured = (await res.json()).base_maps || [];
    } catch (e) { /* no list: the offline layer alone */ }
    state.list = [...configured, { id: OFFLINE }];
    if (tileOverride && tileOverride !== OFFLINE) {
      state.list.unshift({ id: 'link', name: tileOverride, name_en: tileOverride, url: tileOverride, subdomains: 'abc', max_zoom: 19 });
      select('link', { remember: false });
      return;
    }
    const stored = localStorage.getItem(STORAGE_KEY);
    const first = tileOverride === OFFLINE ? OFFLINE : [fromLink.base, stored].find((id) => id && entry(id)) || state.list[0].id;
    select(first, { remember: false });
  }
  start();

  return {
    /** #base=… when it is not the default, #labels=0 when the labels are off. */
    writeHash(h) {
      if (state.chosen && state.chosen !== state.list[0]?.id && state.chosen !== 'link') h.set('base', state.chosen);
      if (!state.labels) h.set('labels', '0');
    },
    /** A link opened in this page (hashchange): its labels, and its base map if it names one (else the current one stays). */
    applyHash() {
      if (fromLink.labels !== state.labels) { state.labels = fromLink.labels; syncLabels(); renderList(); }
      if (fromLink.base && entry(fromLink.base) && fromLink.base !== state.chosen) select(fromLink.base);
    },
    rerender() {
      renderList();
      if (offline) offline.group.eachLayer((g) => g.eachLayer && g.eachLayer((l) => l.getTooltip && l.getTooltip() && l.setTooltipContent(l.getTooltip()._content)));
    },
    chosen: () => state.chosen,
    shown: () => state.shown,
  };
}
