// The notification board of one warning (叫应看板): how many of its targets are in each state, per
// tier, and every person's state with the overdue ones first, kept up to date while it is shown:
// re-read on every state change the server's event stream reports, or every few seconds without one.
import { t, tf, categoryName } from './i18n.js';
import { esc, formatTime, levelLabel } from './format.js';
import * as session from './session.js';
import { boardActions, mayRecordAnswer, named } from './warning-actions.js';

export const STATES = ['pending', 'notified', 'acknowledged', 'on_duty', 'no_answer', 'escalated', 'failed'];
const TIERS = ['village', 'township', 'county'];
const POLL_MS = 5000;
/** Rows read per refresh (overdue first): the counts always cover every target, and a province-wide board re-read in full on every event would cost seconds. */
const BOARD_ROWS = 500;
/** Events that arrive together (a batch of escalations) cause one re-read of the board. */
const SETTLE_MS = 300;

/**
 * Reads the Server-Sent Events of {@code path} with fetch, so the token travels in the
 * Authorization header as on every other request (EventSource cannot send one, and a token in the
 * URL would land in logs); calls onEvent(name, data) per event. Resolves when the stream ends,
 * rejects when it cannot start.
 */
export async function readEvents(path, onEvent, signal) {
  const res = await session.authFetch(path, { headers: { Accept: 'text/event-stream' }, signal, cache: 'no-store' });
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length || name !== 'message') onEvent(name, data.join('\n'));
    }
  }
}

/** Overdue first, then the earliest deadline, then by name: whom the duty desk must chase now. */
export function boardOrder(a, b) {
  return (b.overdue ? 1 : 0) - (a.overdue ? 1 : 0)
    || String(a.deadline || '').localeCompare(String(b.deadline || ''))
    || String(a.name || '').localeCompare(String(b.name || ''), 'zh');
}

/**
 * Shows the board of warning {@code id} in {@code el} and refreshes it every few seconds until
 * stop(). {@code onNew}, when given, adds a "new warning" button. Under the board: Update, Cancel
 * and the desk's phone answers (warning-actions.js); {@code openBoard(id)} shows another message's
 * board, {@code onChanged()} follows an Update or Cancel.
 */
export function watchBoard({ id, api, el, showError, onNew, openBoard, onChanged }) {
  let last = null;
  let rereadWarning = false;
  let timer = null;
  let stopped = false;
  let failures = 0;
  let live = 'poll'; // 'sse' while the event stream is open; otherwise the board is re-read every POLL_MS
  const abort = new AbortController();

  async function load() {
    try {
      // the board names the warning by id, level and headline; the rest (identifier, times) comes once from the warning
      const again = !last || rereadWarning;
      rereadWarning = false;
      const [board, warning] = await Promise.all([api(`api/warnings/${encodeURIComponent(id)}/board?limit=${BOARD_ROWS}`), again ? api(`api/warnings/${encodeURIComponent(id)}`) : last.warning]);
      if (stopped) return;
      last = { board, warning, at: new Date() };
      failures = 0;
      render();
    } catch (e) {
      // one message per run of failures, not one every few seconds
      if (!stopped && failures++ === 0) showError(e);
    }
    schedule(live === 'sse' ? null : POLL_MS);
  }

  /** The next re-read in {@code ms} (replacing any planned one); none for null. */
  function schedule(ms) {
    clearTimeout(timer);
    if (!stopped && ms !== null) timer = setTimeout(load, ms);
  }

  async function listen() {
    try {
      await readEvents(`api/warnings/${encodeURIComponent(id)}/events`, (name) => {
        if (name === 'ready') { live = 'sse'; schedule(0); } // re-read what happened before the stream opened
        else if (name === 'target') schedule(SETTLE_MS);
      }, abort.signal);
    } catch (e) {
      if (stopped) return;
    }
    // the stream ended or never started: poll, as without one
    if (!stopped) { live = 'poll'; render(); schedule(POLL_MS); }
  }

  function render() {
    if (!last) { top.innerHTML = `<p class="muted">${esc(t('loading'))}</p>`; return; }
    const b = last.board;
    const w = { ...(last.warning || {}), id, level: b.level, headline: b.headline };
    const counts = b.by_state || {};
    const targets = [...(b.targets || [])].sort(boardOrder);
    const overdue = b.overdue ?? targets.filter((p) => p.overdue).length;
    top.innerHTML = `<div class="warn-board-head" data-warning="${esc(w.id || id)}">
        ${w.level ? `<span class="warn-badge wl${w.level}">${esc(levelLabel(w.level))}</span>` : ''}
        ${w.msg_type && w.msg_type !== 'Alert' ? `<span class="warn-msg-type">${esc(named('msg_', w.msg_type))}</span>` : ''}
        <span class="warn-state" data-state="${esc(b.state || '')}">${esc(named('wstate_', b.state))}</span>
        <b class="warn-board-headline">${esc(w.headline || id)}</b>
        <p class="muted">${w.identifier ? `${esc(t('warn_identifier'))} ${esc(w.identifier)} · ` : ''}${w.category ? esc(categoryName(w.category)) + ' · ' : ''}
          ${esc(t('warn_effective'))} ${esc(formatTime(w.effective))} – ${esc(formatTime(w.expires))}</p></div>
      <p class="muted warn-live" data-live="${live}">${esc(live === 'sse' ? t('warn_live_sse') : tf('warn_live_poll', { s: POLL_MS / 1000 }))} · ${esc(tf('warn_updated', { time: last.at.toLocaleTimeString() }))}</p>`;
    // answers are taken for the message in force only
    const answerable = (p) => b.state === 'issued' && mayRecordAnswer(p);
    body.innerHTML = `<h3>${esc(t('warn_states'))}</h3>
      <table class="warn-counts"><tbody>${STATES.map((s) => `<tr data-state="${s}"${counts[s] ? '' : ' class="zero"'}><th>${esc(t('ws_' + s))}</th>
        <td class="n">${counts[s] || 0}</td></tr>`).join('')}</tbody></table>
      ${b.by_tier ? `<h3>${esc(t('warn_by_tier'))}</h3>${tierTable(b.by_tier)}` : ''}
      <h3>${esc(t('warn_targets'))} · <span id="warn-board-total">${b.total ?? targets.length}</span> ${esc(t('warn_n_targets'))}${overdue ? ` · <span class="overdue">${overdue} ${esc(t('warn_overdue'))}</span>` : ''}</h3>
      ${b.total > targets.length ? `<p class="muted warn-rows-shown">${esc(tf('warn_rows_shown', { n: targets.length }))}</p>` : ''}
      <table class="warn-people"><thead><tr><th>${esc(t('person'))}</th><th>${esc(t('warn_state'))}</th><th>${esc(t('warn_deadline'))}</th></tr></thead><tbody>
      ${targets.map((p) => `<tr data-person="${esc(p.person || p.person_id || '')}" data-state="${esc(p.state || '')}"${p.overdue ? ' class="overdue"' : ''}>
        <td>${esc(p.name || '—')} <span class="muted">${esc(t('tier_' + p.tier) === 'tier_' + p.tier ? p.tier || '' : t('tier_' + p.tier))}</span>${p.phone ? `<br><span class="phone">${esc(p.phone)}</span>` : ''}</td>
        <td><span class="ws ws-${esc(p.state || '')}">${esc(t('ws_' + p.state) === 'ws_' + p.state ? p.state || '—' : t('ws_' + p.state))}</span>${endLabel(p)}${p.answer ? ` <span class="ws-answer" data-answer="${esc(p.answer)}">${esc(named('ans_', p.answer))}</span>` : ''}
          ${answerable(p) ? `<br><button type="button" class="warn-desk-answer" data-person="${esc(p.person_id || '')}">${esc(t('wa_desk'))}</button>` : ''}</td>
        <td>${esc(formatTime(p.deadline))}${p.overdue ? ` <b class="overdue">${esc(t('warn_overdue'))}</b>` : ''}</td></tr>`).join('')}
      </tbody></table>
      ${onNew ? `<button type="button" class="warn-new">${esc(t('warn_new'))}</button>` : ''}`;
    const again = body.querySelector('.warn-new');
    if (again) again.addEventListener('click', onNew);
    body.querySelectorAll('.warn-desk-answer').forEach((button) => button.addEventListener('click', () => {
      actions.recordAnswer(targets.find((p) => p.person_id === button.dataset.person));
    }));
    actions.sync(b, last.warning);
  }

  el.tabIndex = -1;
  // the head and the body are redrawn on every change; the actions between them keep their open form
  el.innerHTML = '<div class="warn-board-top"></div><div class="warn-actions"></div><div class="warn-board-body"></div>';
  const top = el.querySelector('.warn-board-top');
  const body = el.querySelector('.warn-board-body');
  const actions = boardActions({
    id, el: el.querySelector('.warn-actions'), api, showError, openBoard, onChanged,
    reload: () => { rereadWarning = true; schedule(0); },
  });
  render();
  load();
  listen();
  return {
    stop() { stopped = true; clearTimeout(timer); abort.abort(); },
    rerender() { actions.rerender(); render(); },
  };
}

/** Why a target ended without anyone above to take over (end_reason), with the server's end_detail as its title; empty otherwise. */
function endLabel(p) {
  if (!p.end_reason) return '';
  const key = 'ws_end_' + p.end_reason;
  const label = t(key) === key ? p.end_reason : t(key);
  return ` <span class="ws-end" data-end-reason="${esc(p.end_reason)}" title="${esc(p.end_detail || '')}">${esc(label)}</span>`;
}

/** States (columns) per tier (rows); {@code byTier} is { tier: { state: n } }. */
function tierTable(byTier) {
  // { tier: { state: n } } or { tier: { total, by_state: { state: n } } }
  const states = (tier) => (byTier[tier] && byTier[tier].by_state) || byTier[tier] || {};
  const tiers = [...TIERS.filter((tier) => byTier[tier]), ...Object.keys(byTier).filter((tier) => !TIERS.includes(tier))]
    .filter((tier) => Object.values(states(tier)).some((n) => n));
  const cols = STATES.filter((s) => tiers.some((tier) => states(tier)[s]));
  return `<table class="warn-tiers"><thead><tr><th></th>${cols.map((s) => `<th>${esc(t('ws_' + s))}</th>`).join('')}</tr></thead><tbody>
    ${tiers.map((tier) => `<tr data-tier="${esc(tier)}"><th>${esc(t('tier_' + tier))}</th>${cols.map((s) => `<td>${states(tier)[s] || 0}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}
