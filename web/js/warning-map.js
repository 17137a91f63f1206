// Active warnings for everyone: each warning's area drawn on the map in its level's colour, with a
// line pattern and a label naming the level (so the level never rests on colour alone), a popup,
// and the list under "生效中的预警 / Active warnings" in the sidebar.
import { t, categoryName } from './i18n.js';
import { esc, formatTime, levelLabel } from './format.js';

export const WARNING_COLORS = { 1: '#1e6fd9', 2: '#e0b000', 3: '#f57c00', 4: '#d32f2f' };
/** Outline pattern per level: dotted blue, dashed yellow, long-dashed orange, solid red. */
const DASHES = { 1: '2 5', 2: '8 5', 3: '14 5', 4: null };
const REFRESH_MS = 60000;
const $ = (id) => document.getElementById(id);

/**
 * Wires the layer and the list. {@code api(path)} → JSON; {@code isPicking()} is true while a map
 * tool takes clicks (no popups then); {@code mayOpenBoard()} says whether the account may watch a
 * board; {@code openBoard(id)} opens it; {@code goToRegion(code)} shows a warning given by region codes only.
 */
export function initActiveWarnings({ map, api, showError, isPicking, mayOpenBoard, openBoard, goToRegion }) {
  if (!map.getPane('rm-warnings')) map.createPane('rm-warnings').style.zIndex = 390; // above the tiles, under markers and popups
  const layer = L.layerGroup().addTo(map);
  let warnings = [];
  let timer = null;
  const shapes = new Map(); // warning id → its Leaflet layers

  function popup(w) {
    const div = document.createElement('div');
    div.className = 'rm-popup rm-warning-popup';
    div.dataset.warning = w.id;
    div.innerHTML = `<h3>${esc(w.headline || w.id)}</h3>
      <p><span class="warn-badge wl${w.level}">${esc(levelLabel(w.level))}</span></p>
      <table>
        ${w.category ? `<tr><th>${esc(t('warn_category'))}</th><td>${esc(categoryName(w.category))}</td></tr>` : ''}
        <tr><th>${esc(t('warn_effective'))}</th><td>${esc(formatTime(w.effective))}</td></tr>
        <tr><th>${esc(t('warn_expires'))}</th><td>${esc(formatTime(w.expires))}</td></tr>
        ${w.identifier ? `<tr><th>${esc(t('warn_identifier'))}</th><td>${esc(w.identifier)}</td></tr>` : ''}
        ${w.status && w.status !== 'Actual' ? `<tr><th>${esc(t('warn_status'))}</th><td>${esc(t('cap_' + w.status))}</td></tr>` : ''}
      </table>
      ${w.instruction ? `<p class="warn-instruction">${esc(w.instruction)}</p>` : ''}
      ${mayOpenBoard() ? `<div class="popup-actions"><button type="button" class="board">${esc(t('warn_open_board'))}</button></div>` : ''}`;
    const b = div.querySelector('.board');
    if (b) b.addEventListener('click', () => { map.closePopup(); openBoard(w.id); });
    return div;
  }

  function draw() {
    layer.clearLayers();
    shapes.clear();
    // the most severe last, so it lies on top
    for (const w of [...warnings].sort((a, b) => a.level - b.level)) {
      const style = { pane: 'rm-warnings', color: WARNING_COLORS[w.level] || '#555', weight: w.level >= 4 ? 3 : 2.5, dashArray: DASHES[w.level], fillOpacity: 0.12, className: `rm-warning wl${w.level}` };
      // area.geometry holds the polygons and the circles' geodesic buffers; a warning by region codes alone has none
      const geometry = w.area && w.area.geometry;
      if (!geometry) continue;
      const group = L.geoJSON(geometry, { style: () => style });
      group.on('click', (e) => { if (!isPicking()) L.popup({ maxWidth: 320 }).setLatLng(e.latlng).setContent(popup(w)).openOn(map); });
      group.bindTooltip(`${levelLabel(w.level)} · ${w.headline || ''}`, { permanent: true, direction: 'center', className: `rm-warning-label wl${w.level}`, pane: 'tooltipPane' });
      group.addTo(layer);
      shapes.set(String(w.id), group);
    }
    renderList();
  }

  function renderList() {
    const list = $('warning-list');
    $('warning-list-empty').hidden = warnings.length > 0;
    list.replaceChildren(...[...warnings].sort((a, b) => b.level - a.level).map((w) => {
      const li = document.createElement('li');
      li.dataset.warning = w.id;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'warning-item';
      button.innerHTML = `<span class="warn-badge wl${w.level}">${esc(levelLabel(w.level))}</span> <b>${esc(w.headline || w.id)}</b>
        <span class="muted">${esc(t('warn_expires'))} ${esc(formatTime(w.expires))}</span>`;
      button.setAttribute('aria-label', `${levelLabel(w.level)}: ${w.headline || w.id}. ${t('warn_show_on_map')}`);
      button.addEventListener('click', () => show(w.id));
      li.append(button);
      return li;
    }));
  }

  /** Fits the map to a warning's area and opens its popup. */
  function show(id) {
    const group = shapes.get(String(id));
    const w = warnings.find((x) => String(x.id) === String(id));
    if (!w) return;
    if (!group) { // drawn by region codes only: the map goes to the first region
      const code = ((w.area && w.area.region_codes) || [])[0];
      if (code) goToRegion(code);
      return;
    }
    const bounds = group.getBounds();
    map.once('moveend', () => L.popup({ maxWidth: 320 }).setLatLng(bounds.getCenter()).setContent(popup(w)).openOn(map));
    map.flyToBounds(bounds, { maxZoom: 12, padding: [30, 30], duration: 0.6 });
  }

  async function refresh() {
    clearTimeout(timer);
    try {
      const answer = await api('api/warnings?active=true');
      // a Cancel message is in force only to end the one it references: it is no hazard area to draw or list
      warnings = (answer.warnings || []).filter((w) => w.msg_type !== 'Cancel');
      draw();
    } catch (e) {
      // the 401 of a closed server is the session's business; anything else is shown
      if (e.status !== 401) showError(e);
    }
    timer = setTimeout(refresh, REFRESH_MS);
  }

  return { refresh, rerender: draw, show, count: () => warnings.length };
}
