// The notification board of one warning (叫应看板): how many of its targets are in each state, per
// tier, and every person's state with the overdue ones first, kept up to date while it is shown.
import { t, tf, categoryName } from './i18n.js';
import { esc, formatTime, levelLabel } from './format.js';

export const STATES = ['pending', 'notified', 'acknowledged', 'on_duty', 'no_answer', 'escalated', 'failed'];
const TIERS = ['village', 'township', 'county'];
const POLL_MS = 5000;

/** Overdue first, then the earliest deadline, then by name: whom the duty desk must chase now. */
export function boardOrder(a, b) {
  return (b.overdue ? 1 : 0) - (a.overdue ? 1 : 0)
    || String(a.deadline || '').localeCompare(String(b.deadline || ''))
    || String(a.name || '').localeCompare(String(b.name || ''), 'zh');
}

/**
 * Shows the board of warning {@code id} in {@code el} and refreshes it every few seconds until
 * stop(). {@code onNew}, when given, adds a "new warning" button.
 */
export function watchBoard({ id, api, el, showError, onNew }) {
  let last = null;
  let timer = null;
  let stopped = false;
  let failures = 0;

  async function load() {
    try {
      const board = await api(`api/warnings/${encodeURIComponent(id)}/board`);
      if (stopped) return;
      last = { board, at: new Date() };
      failures = 0;
      render();
    } catch (e) {
      // one message per run of failures, not one every few seconds
      if (!stopped && failures++ === 0) showError(e);
    }
    if (!stopped) timer = setTimeout(load, POLL_MS);
  }

  function render() {
    if (!last) { el.innerHTML = `<p class="muted">${esc(t('loading'))}</p>`; return; }
    const b = last.board;
    const w = b.warning || {};
    const counts = b.counts || {};
    const targets = [...(b.targets || [])].sort(boardOrder);
    const overdue = targets.filter((p) => p.overdue).length;
    el.innerHTML = `<div class="warn-board-head" data-warning="${esc(w.id || id)}">
        ${w.level ? `<span class="warn-badge wl${w.level}">${esc(levelLabel(w.level))}</span>` : ''}
        <b class="warn-board-headline">${esc(w.headline || id)}</b>
        <p class="muted">${w.identifier ? `${esc(t('warn_identifier'))} ${esc(w.identifier)} · ` : ''}${w.category ? esc(categoryName(w.category)) + ' · ' : ''}
          ${esc(t('warn_effective'))} ${esc(formatTime(w.effective))} – ${esc(formatTime(w.expires))}</p></div>
      <p class="muted warn-live" role="status">${esc(tf('warn_live_poll', { s: POLL_MS / 1000 }))} · ${esc(tf('warn_updated', { time: last.at.toLocaleTimeString() }))}</p>
      <h3>${esc(t('warn_states'))}</h3>
      <table class="warn-counts"><tbody>${STATES.map((s) => `<tr data-state="${s}"${counts[s] ? '' : ' class="zero"'}><th>${esc(t('ws_' + s))}</th>
        <td class="n">${counts[s] || 0}</td></tr>`).join('')}</tbody></table>
      ${b.by_tier ? `<h3>${esc(t('warn_by_tier'))}</h3>${tierTable(b.by_tier)}` : ''}
      <h3>${esc(t('warn_targets'))} · <span id="warn-board-total">${targets.length}</span> ${esc(t('warn_n_targets'))}${overdue ? ` · <span class="overdue">${overdue} ${esc(t('warn_overdue'))}</span>` : ''}</h3>
      <table class="warn-people"><thead><tr><th>${esc(t('person'))}</th><th>${esc(t('warn_state'))}</th><th>${esc(t('warn_deadline'))}</th></tr></thead><tbody>
      ${targets.map((p) => `<tr data-person="${esc(p.person_id || p.id || '')}" data-state="${esc(p.state || '')}"${p.overdue ? ' class="overdue"' : ''}>
        <td>${esc(p.name || '—')} <span class="muted">${esc(t('tier_' + p.tier) === 'tier_' + p.tier ? p.tier || '' : t('tier_' + p.tier))}</span>${p.phone ? `<br><span class="phone">${esc(p.phone)}</span>` : ''}</td>
        <td><span class="ws ws-${esc(p.state || '')}">${esc(t('ws_' + p.state) === 'ws_' + p.state ? p.state || '—' : t('ws_' + p.state))}</span></td>
        <td>${esc(formatTime(p.deadline))}${p.overdue ? ` <b class="overdue">${esc(t('warn_overdue'))}</b>` : ''}</td></tr>`).join('')}
      </tbody></table>
      ${onNew ? `<button type="button" class="warn-new">${esc(t('warn_new'))}</button>` : ''}`;
    const again = el.querySelector('.warn-new');
    if (again) again.addEventListener('click', onNew);
  }

  el.tabIndex = -1;
  render();
  load();
  return {
    stop() { stopped = true; clearTimeout(timer); },
    rerender: render,
  };
}

/** States (columns) per tier (rows); {@code byTier} is { tier: { state: n } }. */
function tierTable(byTier) {
  const tiers = [...TIERS.filter((tier) => byTier[tier]), ...Object.keys(byTier).filter((tier) => !TIERS.includes(tier))];
  const cols = STATES.filter((s) => tiers.some((tier) => (byTier[tier] || {})[s]));
  return `<table class="warn-tiers"><thead><tr><th></th>${cols.map((s) => `<th>${esc(t('ws_' + s))}</th>`).join('')}</tr></thead><tbody>
    ${tiers.map((tier) => `<tr data-tier="${esc(tier)}"><th>${esc(t('tier_' + tier))}</th>${cols.map((s) => `<td>${(byTier[tier] || {})[s] || 0}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}
