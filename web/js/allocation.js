// The map page's shelter allocation tool (安置分配, issue 12): households from a pasted or uploaded CSV
// (id,lon,lat,people) or clicked on the map, optionally only those inside a drawn area, sent to
// POST /api/evacuation/allocate (the stored shelters the caller may read). Draws a line from each
// household to its shelter in that shelter's colour, lists each shelter's load against its capacity and
// the people without a place (in red), and exports the assignment as CSV with Chinese headers.
import { t, tf, addTexts } from './i18n.js';
import { esc } from './format.js';
import { csvText, offerCsv } from './csv.js';

addTexts({
  zh: {
    tool_allocate: '安置分配', al_title: '安置分配', al_csv: '住户（CSV：编号,经度,纬度,人数）', al_file: '导入 CSV 文件',
    al_pick: '在地图上点选住户', al_people: '每户人数', al_area: '只分配绘制区域内的住户', al_area_none: '全部住户',
    al_area_set: '区域内 {n} 户', al_run: '分配', al_running: '正在计算…', al_csv_error: '第 {n} 行无法读取：{line}（应为 编号,经度,纬度,人数）',
    al_empty: '请先输入或点选住户', al_summary: '已安置 {placed} 人，未安置 {unplaced} 人，总转移距离 {km} 人·公里',
    al_optimal: '最优解（已对全部住户×避难所验证）', al_not_optimal: '未能证明最优', al_shelter: '避难场所', al_load: '安置/容量',
    al_unplaced: '未安置', al_export: '导出分配表 CSV', al_households: '{n} 户',
  },
  en: {
    tool_allocate: 'Allocate shelters', al_title: 'Shelter allocation', al_csv: 'Households (CSV: id,lon,lat,people)', al_file: 'Load a CSV file',
    al_pick: 'Click households on the map', al_people: 'People per household', al_area: 'Only households inside a drawn area', al_area_none: 'All households',
    al_area_set: '{n} households inside', al_run: 'Allocate', al_running: 'Computing…', al_csv_error: 'Line {n} cannot be read: {line} (expected id,lon,lat,people)',
    al_empty: 'Enter or click households first', al_summary: '{placed} people placed, {unplaced} without a place, {km} person-km in all',
    al_optimal: 'Optimal (proven over all households × shelters)', al_not_optimal: 'Optimality not proven', al_shelter: 'Shelter', al_load: 'Placed / capacity',
    al_unplaced: 'Without a place', al_export: 'Export the assignment as CSV', al_households: '{n} households',
  },
});

const COLORS = ['#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#ad1457', '#5d4037', '#9e9d24', '#283593', '#00695c'];
const $ = (id) => document.getElementById(id);

/** Household rows of the CSV text; a header line (not starting with a number in its lon field) is skipped. */
export function parseHouseholds(text) {
  const out = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const f = line.split(/[,，\t]/).map((s) => s.trim());
    if (i === 0 && f.length >= 3 && Number.isNaN(Number(f[1]))) return;
    const [id, lon, lat, people] = [f[0], Number(f[1]), Number(f[2]), f[3] === undefined ? 1 : Number(f[3])];
    if (f.length < 3 || !id || !Number.isFinite(lon) || !Number.isFinite(lat) || !Number.isInteger(people)) {
      throw new Error(tf('al_csv_error', { n: i + 1, line }));
    }
    out.push({ id, lon, lat, people });
  });
  return out;
}

/** Ray casting on lon/lat: is (lon, lat) inside the ring of [lon, lat] vertices? */
function inside(lon, lat, ring) {
  let yes = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) yes = !yes;
  }
  return yes;
}

/**
 * Wires the button #tool-allocate and its panel. {@code api(path, init)} answers JSON; {@code drawArea(take)}
 * and {@code pickPoint(take)} borrow the page's map tools; {@code onOpen()} clears other results.
 */
export function initAllocation({ map, api, showError, drawArea, pickPoint, onOpen }) {
  const panel = $('alloc-panel');
  const layer = L.featureGroup();
  let area = null; // the drawn ring, or null for all households
  let last = null; // { households, answer }

  function households() {
    const all = parseHouseholds($('alloc-csv').value);
    return area ? all.filter((h) => inside(h.lon, h.lat, area)) : all;
  }

  function renderArea() {
    let n = null;
    try { n = area ? households().length : null; } catch (e) { n = null; }
    $('alloc-area-state').textContent = area ? tf('al_area_set', { n: n === null ? '?' : n }) : t('al_area_none');
  }

  function render() {
    const out = $('alloc-result');
    if (!last) { out.replaceChildren(); return; }
    const a = last.answer;
    const colour = new Map(a.shelters.map((s, i) => [s.id, COLORS[i % COLORS.length]]));
    const rows = a.shelters.map((s) => `<tr data-shelter="${esc(s.id)}"><td><span class="al-dot" style="background:${colour.get(s.id)}"></span>${esc(s.id)}</td>
      <td class="al-load">${s.placed} / ${s.capacity}</td></tr>`).join('');
    const unplaced = a.unplaced.map((u) => `<li data-household="${esc(u.household)}">${esc(u.household)}: ${u.people}</li>`).join('');
    out.innerHTML = `<p class="result-summary" id="alloc-summary">${esc(tf('al_summary', { placed: a.placed_people, unplaced: a.unplaced_people,
      km: (a.total_person_metres / 1000).toFixed(1) }))}<br><small>${esc(a.optimal ? t('al_optimal') : t('al_not_optimal'))}</small></p>
      <table class="al-shelters"><thead><tr><th>${esc(t('al_shelter'))}</th><th>${esc(t('al_load'))}</th></tr></thead><tbody>${rows}</tbody></table>
      ${a.unplaced.length ? `<h3 class="al-unplaced-title">${esc(t('al_unplaced'))} (${a.unplaced_people})</h3><ul class="al-unplaced">${unplaced}</ul>` : ''}
      <button type="button" id="alloc-export">${esc(t('al_export'))}</button>`;
    $('alloc-export').addEventListener('click', exportCsv);
  }

  function draw() {
    layer.clearLayers();
    if (!last) return;
    const { households: hs, answer: a } = last;
    const byId = new Map(hs.map((h) => [h.id, h]));
    const shelters = new Map(a.shelters.map((s, i) => [s.id, { ...s, colour: COLORS[i % COLORS.length] }]));
    for (const x of a.assignments) {
      const h = byId.get(x.household), s = shelters.get(x.shelter);
      L.polyline([[h.lat, h.lon], [s.lat, s.lon]], { color: s.colour, weight: 2, opacity: 0.8, className: 'rm-alloc-line', shelter: s.id })
        .bindTooltip(`${x.household} → ${x.shelter}: ${x.people}`).addTo(layer);
    }
    for (const s of shelters.values()) {
      L.circleMarker([s.lat, s.lon], { radius: 7, color: '#fff', weight: 2, fillColor: s.colour, fillOpacity: 1, className: 'rm-alloc-shelter' })
        .bindTooltip(`${s.id}: ${s.placed} / ${s.capacity}`).addTo(layer);
    }
    for (const u of a.unplaced) {
      const h = byId.get(u.household);
      L.circleMarker([h.lat, h.lon], { radius: 5, color: '#d32f2f', weight: 2, fillColor: '#d32f2f', fillOpacity: 0.9, className: 'rm-alloc-unplaced' })
        .bindTooltip(`${t('al_unplaced')}: ${u.household} (${u.people})`).addTo(layer);
    }
    if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 15 });
  }

  /** The assignment as CSV with Chinese headers, the people without a place last. */
  function csv() {
    const a = last.answer;
    return csvText(['住户编号', '避难场所编号', '人数', '距离(米)'], [
      ...a.assignments.map((x) => [x.household, x.shelter, x.people, x.distance_m]),
      ...a.unplaced.map((u) => [u.household, '未安置', u.people, '']),
    ]);
  }

  function exportCsv() { offerCsv('allocation.csv', csv()); }

  async function run() {
    const hs = households();
    if (!hs.length) throw new Error(t('al_empty'));
    $('alloc-status').textContent = t('al_running');
    try {
      const answer = await api('api/evacuation/allocate', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ households: hs }),
      });
      last = { households: hs, answer };
      render();
      draw();
    } finally {
      $('alloc-status').textContent = '';
    }
  }

  function open(on) {
    panel.hidden = !on;
    $('tool-allocate').classList.toggle('active', on);
    if (on) { onOpen(); layer.addTo(map); } else { map.removeLayer(layer); }
  }

  $('tool-allocate').addEventListener('click', () => open(panel.hidden));
  $('alloc-close').addEventListener('click', () => open(false));
  $('alloc-run').addEventListener('click', () => run().catch(showError));
  $('alloc-csv').addEventListener('input', renderArea);
  $('alloc-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (file) { $('alloc-csv').value = await file.text(); renderArea(); }
  });
  $('alloc-pick').addEventListener('click', () => pickPoint((latlng) => {
    const box = $('alloc-csv');
    const n = box.value.split(/\r?\n/).filter((l) => l.trim()).length + 1;
    const people = Math.max(1, Math.round(Number($('alloc-people').value) || 1));
    box.value = `${box.value.replace(/\s*$/, '')}${box.value.trim() ? '\n' : ''}H${n},${latlng.lng.toFixed(6)},${latlng.lat.toFixed(6)},${people}`;
    renderArea();
  }));
  $('alloc-area').addEventListener('change', (e) => {
    if (!e.target.checked) { area = null; renderArea(); return; }
    drawArea((vertices) => { area = vertices; renderArea(); });
  });
  renderArea();

  return {
    rerender() { renderArea(); render(); },
    /** For the browser test: the lines drawn and the export's text. */
    lines: () => layer.getLayers().filter((l) => l instanceof L.Polyline && !(l instanceof L.CircleMarker)).length,
    csv: () => (last ? csv() : null),
  };
}
