// Dual control on the map (隐患点+风险区双控): a risk zone's popup lists the hazard points linked to it
// and the unlinked ones inside or near it (the server suggests them from the geometry), with a
// confirm button for an account that may edit both the zone and the point.
import { t, tf, addTexts } from './i18n.js';
import { esc } from './format.js';
import * as session from './session.js';

addTexts({
  zh: {
    dc_open: '关联隐患点', dc_linked: '已关联隐患点', dc_suggested: '建议关联（区内或 {m} 米内）', dc_none: '无',
    dc_inside: '区内', dc_metres: '{m} 米', dc_confirm: '确认关联', dc_src_suggested: '按位置建议', dc_src_manual: '人工关联',
    f_threatened_households: '受威胁户数', f_warning_signal: '预警信号',
  },
  en: {
    dc_open: 'Linked points', dc_linked: 'Linked hazard points', dc_suggested: 'Suggested (inside or within {m} m)', dc_none: 'none',
    dc_inside: 'inside', dc_metres: '{m} m', dc_confirm: 'Confirm link', dc_src_suggested: 'suggested by position', dc_src_manual: 'linked by hand',
    f_threatened_households: 'Threatened households', f_warning_signal: 'Warning signal',
  },
});

/** The zone attributes of the dual-control sources, shown in a zone's popup after the common fields. */
export const ZONE_DUAL_FIELDS = ['village', 'threatened_households', 'threatened_people', 'warning_signal'];

/** True when the signed-in account may edit records with {@code adminCode} (null: only a whole-country account). */
function mayEdit(...adminCodes) {
  const who = session.account();
  if (!who || !(who.actions || []).some((a) => a === 'edit' || a === 'admin')) return false;
  return adminCodes.every((code) => !who.scope || (code || '').startsWith(who.scope));
}

/**
 * Adds the "linked points" action to the popup {@code div} of {@code zone} (its properties with id and
 * admin_code). {@code api(path, init)} answers JSON; {@code showError(e)} reports a failure.
 */
export function addZoneActions(div, zone, { api, showError }) {
  const actions = div.querySelector('.popup-actions');
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'dc-open';
  open.textContent = t('dc_open');
  actions.appendChild(open);
  const panel = document.createElement('div');
  panel.className = 'dc-panel';
  panel.hidden = true;
  div.appendChild(panel);
  const path = `api/risk_zones/${encodeURIComponent(zone.id)}`;

  async function load() {
    panel.hidden = false;
    panel.textContent = t('loading');
    const [linked, suggested] = await Promise.all([api(`${path}/hazards`), api(`${path}/hazard-suggestions`)]);
    panel.innerHTML = `<h4>${esc(t('dc_linked'))} (${linked.numberReturned})</h4>${list(linked.hazards, false)}
      <h4>${esc(tf('dc_suggested', { m: suggested.distance_m }))} (${suggested.numberReturned})</h4>${list(suggested.hazards, true)}`;
    panel.querySelectorAll('button[data-hazard]').forEach((b) => b.addEventListener('click', () => {
      b.disabled = true;
      api(`${path}/hazards/${encodeURIComponent(b.dataset.hazard)}`, { method: 'PUT' }).then(load).catch((e) => { b.disabled = false; showError(e); });
    }));
  }

  function list(points, confirmable) {
    if (!points.length) return `<p class="dc-none">${esc(t('dc_none'))}</p>`;
    return `<ul class="dc-list">${points.map((h) => `<li data-hazard="${esc(h.id)}">
      <span class="badge l${h.risk_level}">${h.risk_level}</span> ${esc(h.name)} <small>${esc(h.id)} ·
      ${esc(h.inside ? t('dc_inside') : tf('dc_metres', { m: Math.round(h.distance_m) }))}${h.source ? ' · ' + esc(t('dc_src_' + h.source)) : ''}</small>
      ${confirmable && mayEdit(zone.admin_code, h.admin_code) ? `<button type="button" class="dc-confirm" data-hazard="${esc(h.id)}">${esc(t('dc_confirm'))}</button>` : ''}
      </li>`).join('')}</ul>`;
  }

  open.addEventListener('click', () => load().catch(showError));
}
