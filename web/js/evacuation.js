// The evacuation panel (转移, issue 12): the open evacuation events in the account's scope; one
// picked shows its live counts per household state, each shelter's people arrived against its
// capacity, and its households on the map coloured by state, with buttons for the next states
// for an account that may edit there. Live through the event's stream (readEvents, as the
// warning board), or re-read every few seconds without one.
import { t, tf, addTexts } from './i18n.js';
import { esc, formatTime } from './format.js';
import * as session from './session.js';
import { readEvents } from './warning-board.js';

export const HOUSEHOLD_STATES = ['to_move', 'moving', 'arrived', 'refused', 'forced', 'returned'];
export const STATE_COLORS = { to_move: '#9e9e9e', moving: '#1e88e5', arrived: '#2e7d32', refused: '#e53935', forced: '#8e24aa', returned: '#6d4c41' };
const POLL_MS = 5000;
/** Households listed in the panel; the map shows them all. */
const LIST_ROWS = 200;

addTexts({
  zh: {
    tool_evac: '转移', evac_title: '转移事件', evac_open_events: '进行中的转移', evac_none: '管辖范围内没有进行中的转移',
    evac_stage_prepare: '准备转移', evac_stage_evacuate: '立即转移', evac_by_warning: '由预警 {id} 启动', evac_by_hand: '人工启动（{who}）',
    evac_counts: '各状态户数', evac_households: '户', evac_people: '人', evac_shelters: '避难场所容量', evac_over: '超出容量',
    evac_arrived_of: '已到 {n} / 容量 {cap}', evac_list: '转移户', evac_rows_shown: '下表列出前 {n} 户；地图显示全部', evac_back: '返回列表',
    evac_closed: '已结束', evac_close: '结束转移', evac_close_q: '确认结束这次转移？各户状态保留，之后不能再更改。',
    hs_to_move: '待转移', hs_moving: '转移中', hs_arrived: '已到达', hs_refused: '拒绝转移', hs_forced: '强制转移', hs_returned: '已返回',
    evac_household: '户', evac_head: '户主', evac_members: '人数',
  },
  en: {
    tool_evac: 'Evacuation', evac_title: 'Evacuation events', evac_open_events: 'Evacuations under way', evac_none: 'No evacuation under way in your scope',
    evac_stage_prepare: 'prepare', evac_stage_evacuate: 'evacuate now', evac_by_warning: 'started by warning {id}', evac_by_hand: 'started by hand ({who})',
    evac_counts: 'Households by state', evac_households: 'households', evac_people: 'people', evac_shelters: 'Shelter capacity', evac_over: 'over capacity',
    evac_arrived_of: '{n} arrived / capacity {cap}', evac_list: 'Households', evac_rows_shown: 'The table lists the first {n}; the map shows all', evac_back: 'Back to the list',
    evac_closed: 'closed', evac_close: 'Close the evacuation', evac_close_q: 'Close this evacuation? The households keep their states, which can no longer change.',
    hs_to_move: 'to move', hs_moving: 'moving', hs_arrived: 'arrived', hs_refused: 'refused', hs_forced: 'forced', hs_returned: 'returned',
    evac_household: 'Household', evac_head: 'Head', evac_members: 'People',
  },
});

const $ = (id) => document.getElementById(id);

/** True when the signed-in account may change states in {@code adminCode}. */
function mayEdit(adminCode) {
  const who = session.account();
  return !!who && (who.actions || []).some((a) => a === 'edit' || a === 'admin') && (!who.scope || String(adminCode || '').startsWith(who.scope));
}

/** Wires #tool-evac and #evac-panel. {@code api(path, init)} answers JSON; {@code onOpen()} is called when the panel opens. */
export function initEvacuation({ map, api, showError, onOpen }) {
  const layer = L.layerGroup().addTo(map);
  let watching = null; // { id, event, households: Map id → feature, abort, timer, live }
  let events = [];

  function show() {
    onOpen();
    $('evac-panel').hidden = false;
    $('tool-evac').setAttribute('aria-expanded', 'true');
    $('tool-evac').classList.add('active');
  }

  function hide() {
    stopWatching();
    $('evac-panel').hidden = true;
    $('tool-evac').setAttribute('aria-expanded', 'false');
    $('tool-evac').classList.remove('active');
  }

  function stopWatching() {
    if (!watching) return;
    watching.abort.abort();
    clearTimeout(watching.timer);
    watching = null;
    layer.clearLayers();
  }

  async function openList() {
    stopWatching();
    show();
    $('evac-body').innerHTML = `<p class="muted">${esc(t('loading'))}</p>`;
    events = (await api('api/evacuation/events?state=open')).events;
    renderList();
  }

  function renderList() {
    $('evac-body').innerHTML = `<h3>${esc(t('evac_open_events'))}</h3>${events.length ? `<ul class="evac-events">${events.map((e) => `<li>
      <button type="button" class="evac-event" data-event="${esc(e.id)}"><b>${esc(e.plan_name || e.plan_id)}</b> <span class="evac-stage" data-stage="${esc(e.stage)}">${esc(t('evac_stage_' + e.stage))}</span>
      <span class="muted">${esc(e.id)} · ${e.households} ${esc(t('evac_households'))} · ${esc(formatTime(e.started_at))}</span></button></li>`).join('')}</ul>`
      : `<p class="muted evac-none">${esc(t('evac_none'))}</p>`}`;
    $('evac-body').querySelectorAll('.evac-event').forEach((b) => b.addEventListener('click', () => watch(b.dataset.event).catch(showError)));
  }

  async function watch(id) {
    stopWatching();
    const w = { id, event: null, households: new Map(), abort: new AbortController(), timer: null, live: 'poll' };
    watching = w;
    await load(w);
    listen(w);
  }

  async function load(w) {
    const path = `api/evacuation/events/${encodeURIComponent(w.id)}`;
    const [event, households] = await Promise.all([api(path), api(`${path}/households`)]);
    if (watching !== w) return;
    w.event = event;
    w.households = new Map(households.features.map((f) => [f.id, f]));
    drawHouseholds(w);
    render(w);
  }

  function schedule(w, ms) {
    clearTimeout(w.timer);
    w.timer = setTimeout(() => load(w).then(() => { if (w.live === 'poll') schedule(w, POLL_MS); }).catch((e) => { showError(e); schedule(w, POLL_MS); }), ms);
  }

  async function listen(w) {
    try {
      await readEvents(`api/evacuation/events/${encodeURIComponent(w.id)}/stream`, (name, data) => {
        if (watching !== w) return;
        if (name === 'ready') { w.live = 'sse'; schedule(w, 0); } // re-read what happened before the stream opened
        else if (name === 'change') apply(w, JSON.parse(data));
      }, w.abort.signal);
    } catch (e) {
      if (watching !== w) return;
    }
    if (watching === w) { w.live = 'poll'; render(w); schedule(w, POLL_MS); }
  }

  /** One change from the stream: the household's state, the counts and its shelter, without a re-read. */
  function apply(w, c) {
    if (c.closed || c.stage) { schedule(w, 0); return; }
    const f = w.households.get(c.household);
    if (f) { f.properties.state = c.state; f.properties.shelter_id = c.shelter_id; f.properties.next = null; }
    w.event.counts = c.counts;
    if (c.shelter) w.event.shelters = w.event.shelters.map((s) => (s.shelter_id === c.shelter.shelter_id ? c.shelter : s));
    drawHouseholds(w);
    render(w);
    schedule(w, 1000); // the allowed next states of the changed household come with the next read
  }

  function drawHouseholds(w) {
    layer.clearLayers();
    for (const f of w.households.values()) {
      const [lon, lat] = f.geometry.coordinates;
      const color = STATE_COLORS[f.properties.state] || '#555';
      L.circleMarker([lat, lon], { radius: 6, color: '#fff', weight: 1, fillColor: color, fillOpacity: 0.9, className: `evac-hh hs-${f.properties.state}` })
        .bindTooltip(`${f.id} · ${t('hs_' + f.properties.state)} · ${f.properties.people} ${t('evac_people')}`).addTo(layer);
    }
  }

  function stateButtons(w, f) {
    if (!w.event.open || !mayEdit(w.event.admin_code)) return '';
    return (f.properties.next || []).map((s) => `<button type="button" class="evac-step" data-household="${esc(f.id)}" data-state="${s}">${esc(t('hs_' + s))}</button>`).join(' ');
  }

  function render(w) {
    const e = w.event;
    if (!e) return;
    const rows = [...w.households.values()].slice(0, LIST_ROWS);
    $('evac-body').innerHTML = `<button type="button" class="evac-back">${esc(t('evac_back'))}</button>
      <div class="evac-head" data-event="${esc(e.id)}"><b>${esc(e.plan_name || e.plan_id)}</b> <span class="evac-stage" data-stage="${esc(e.stage)}">${esc(t('evac_stage_' + e.stage))}</span>
        ${e.open ? '' : `<span class="evac-closed">${esc(t('evac_closed'))}</span>`}
        <p class="muted">${esc(e.id)} · ${esc(e.warning_id ? tf('evac_by_warning', { id: e.warning_id }) : tf('evac_by_hand', { who: e.started_by }))} · ${esc(formatTime(e.started_at))}</p>
        <p class="muted evac-live" data-live="${w.live}">${esc(w.live === 'sse' ? t('warn_live_sse') : tf('warn_live_poll', { s: POLL_MS / 1000 }))}</p></div>
      <h3>${esc(t('evac_counts'))}</h3>
      <table class="evac-counts"><tbody>${HOUSEHOLD_STATES.map((s) => `<tr data-state="${s}"><th><span class="swatch" style="background:${STATE_COLORS[s]}"></span>${esc(t('hs_' + s))}</th>
        <td class="n households">${e.counts[s].households}</td><td class="muted">${esc(t('evac_households'))}</td><td class="n people">${e.counts[s].people}</td><td class="muted">${esc(t('evac_people'))}</td></tr>`).join('')}</tbody></table>
      <h3>${esc(t('evac_shelters'))}</h3>
      ${e.shelters.map((s) => `<div class="evac-shelter${s.over_capacity ? ' over' : ''}" data-shelter="${esc(s.shelter_id)}"><div>${esc(s.name)} <span class="muted">${esc(tf('evac_arrived_of', { n: s.occupied, cap: s.capacity }))}</span>
        ${s.over_capacity ? `<b class="evac-over">${esc(t('evac_over'))}</b>` : ''}</div>
        <div class="evac-bar" role="img" aria-label="${esc(tf('evac_arrived_of', { n: s.occupied, cap: s.capacity }))}"><span style="width:${Math.min(100, s.capacity ? (100 * s.occupied) / s.capacity : 100)}%"></span></div></div>`).join('')}
      <h3>${esc(t('evac_list'))}</h3>
      ${w.households.size > rows.length ? `<p class="muted">${esc(tf('evac_rows_shown', { n: rows.length }))}</p>` : ''}
      <table class="evac-households"><thead><tr><th>${esc(t('evac_household'))}</th><th>${esc(t('evac_members'))}</th><th>${esc(t('warn_state'))}</th></tr></thead><tbody>
      ${rows.map((f) => `<tr data-household="${esc(f.id)}" data-state="${esc(f.properties.state)}"><td>${esc(f.id)}${f.properties.head_name ? `<br><span class="muted">${esc(f.properties.head_name)}</span>` : ''}${f.properties.phone ? ` <span class="phone">${esc(f.properties.phone)}</span>` : ''}</td>
        <td class="n">${f.properties.people}</td><td><span class="hs" style="color:${STATE_COLORS[f.properties.state]}">${esc(t('hs_' + f.properties.state))}</span> ${stateButtons(w, f)}</td></tr>`).join('')}
      </tbody></table>
      ${e.open && mayEdit(e.admin_code) ? `<button type="button" class="evac-close danger-text">${esc(t('evac_close'))}</button>` : ''}`;
    $('evac-body').querySelector('.evac-back').addEventListener('click', () => openList().catch(showError));
    $('evac-body').querySelectorAll('.evac-step').forEach((b) => b.addEventListener('click', () => step(w, b)));
    const close = $('evac-body').querySelector('.evac-close');
    if (close) close.addEventListener('click', () => { if (confirm(t('evac_close_q'))) post(w, `api/evacuation/events/${encodeURIComponent(w.id)}/close`, close); });
  }

  function step(w, button) {
    post(w, `api/evacuation/events/${encodeURIComponent(w.id)}/households/${encodeURIComponent(button.dataset.household)}/state`, button, { state: button.dataset.state });
  }

  async function post(w, path, button, body = {}) {
    button.disabled = true;
    try {
      await api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      await load(w); // the stream reports it too; reading now shows it at once, and without a stream
    } catch (e) {
      button.disabled = false;
      showError(e);
    }
  }

  $('tool-evac').addEventListener('click', () => {
    if (!$('evac-panel').hidden) { hide(); return; }
    openList().catch(showError);
  });
  $('evac-close').addEventListener('click', () => { hide(); $('tool-evac').focus(); });
  const syncButton = () => { $('tool-evac').hidden = !session.account(); if (!session.account()) hide(); };
  session.onChange(syncButton);
  syncButton();

  return {
    hide,
    rerender() {
      if ($('evac-panel').hidden) return;
      if (watching && watching.event) { drawHouseholds(watching); render(watching); } else renderList();
    },
  };
}
