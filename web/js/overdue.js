// The map page's overdue filter (超期隐患, issue 11): for a signed-in account, shows only the hazard
// points whose rectification is past its deadline while work is owed, read from the hidden-danger
// dashboard's overdue list in the caller's scope (the server decides "overdue" with its own clock),
// as a highlighted layer with a popup per point; turning it off gives the normal map back.
import { t, tf, addTexts } from './i18n.js';
import * as session from './session.js';
import { esc, formatTime } from './format.js';

const LIMIT = 1000; // the dashboard's largest overdue page; the count stays exact beyond it

addTexts({
  zh: {
    od_filter: '只看超期隐患', od_count: '{n} 个超期隐患', od_truncated: '（地图显示最早到期的 {n} 个）', od_loading: '正在读取超期隐患…',
    od_rectification: '整改', od_deadline: '整改期限', od_days: '已超期 {n} 天', od_person: '包保责任人',
    od_st_ordered: '已下达整改', od_st_rectifying: '整改中', od_st_rejected: '验收不通过',
  },
  en: {
    od_filter: 'Overdue only', od_count: '{n} overdue hidden dangers', od_truncated: ' (the map shows the {n} due first)', od_loading: 'Reading overdue hidden dangers…',
    od_rectification: 'Rectification', od_deadline: 'Deadline', od_days: '{n} days overdue', od_person: 'Responsible',
    od_st_ordered: 'ordered', od_st_rectifying: 'rectifying', od_st_rejected: 'rejected',
  },
});

const $ = (id) => document.getElementById(id);

/**
 * Wires the toggle #filter-overdue. {@code api(path)} answers JSON; {@code onToggle()} is called when
 * the filter turns on or off, so the page hides or restores its normal hazard layer.
 */
export function initOverdue({ map, api, showError, onToggle }) {
  const box = $('filter-overdue');
  const layer = L.layerGroup();
  let last = null; // the overdue part of the last dashboard answer
  let seq = 0;

  function renderCount() {
    const out = $('overdue-count');
    if (!box.checked) { out.textContent = ''; return; }
    if (!last) { out.textContent = t('od_loading'); return; }
    out.textContent = tf('od_count', { n: last.count }) + (last.truncated ? tf('od_truncated', { n: last.items.length }) : '');
  }

  function popup(o) {
    const person = o.responsible_person ? `<div>${esc(t('od_person'))}: ${esc(o.responsible_person)}${o.responsible_phone ? ' ' + esc(o.responsible_phone) : ''}</div>` : '';
    return `<div class="od-popup" data-rectification="${esc(o.id)}"><b>${esc(o.hazard_name)}</b> <small>${esc(o.hazard_id)}</small>
      <div>${esc(t('od_rectification'))}: ${esc(o.id)} · ${esc(t('od_st_' + o.state))}</div>
      <div>${esc(t('od_deadline'))}: ${esc(formatTime(o.deadline))}</div>
      <div class="od-days">${esc(tf('od_days', { n: o.overdue_days }))}</div>${person}</div>`;
  }

  async function load() {
    const mine = ++seq;
    last = null;
    layer.clearLayers();
    renderCount();
    const d = await api(`api/dashboard/hidden-dangers?weeks=1&overdue_limit=${LIMIT}`);
    if (mine !== seq || !box.checked) return;
    last = d.overdue;
    for (const o of last.items) {
      const [lon, lat] = o.position.coordinates;
      L.circleMarker([lat, lon], { radius: 9, color: '#fff', weight: 2, fillColor: '#c2185b', fillOpacity: 0.95, className: 'rm-overdue', hazardId: o.hazard_id })
        .bindPopup(popup(o), { maxWidth: 320 }).addTo(layer);
    }
    renderCount();
  }

  function set(on) {
    box.checked = on;
    seq++;
    if (on) {
      layer.addTo(map);
      load().catch((e) => { showError(e); set(false); });
    } else {
      map.removeLayer(layer);
      layer.clearLayers();
      last = null;
    }
    renderCount();
    onToggle();
  }

  function showFor(who) {
    $('overdue-toggle').hidden = !who;
    if (box.checked) set(false); // another account sees another scope
  }

  box.addEventListener('change', () => set(box.checked));
  $('lang-switch').addEventListener('click', renderCount);
  session.onChange(showFor);
  showFor(session.account());
  return {
    /** True while only the overdue points are shown. */
    active: () => box.checked,
    /** The hazard ids of the points the overdue layer draws. */
    shown: () => layer.getLayers().map((m) => m.options.hazardId),
  };
}
