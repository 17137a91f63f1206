// The "预警 / Warnings" tool of the map page, for accounts with issue_warning (issue 10): choose the
// area (draw it, pick a region, or a circle), fill in the CAP fields, preview whom the server would
// call, issue after a confirm step, then watch the notification board.
import { t, tf, applyTexts, categoryName, CATEGORY_NAMES } from './i18n.js';
import * as session from './session.js';
import { esc, levelLabel } from './format.js';
import { watchBoard } from './warning-board.js';

const $ = (id) => document.getElementById(id);
const TIERS = ['village', 'township', 'county'];
const DAY_MS = 24 * 3600 * 1000;

/** Whether the signed-in account may issue warnings (the server checks the region again). */
export function canIssue() {
  const who = session.account();
  return !!who && (who.actions || []).includes('issue_warning');
}

/** "2026-12-02T16:45" in local time, as a datetime-local input holds it. */
function localInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * Wires the panel. {@code api(path, init)} → JSON (rejects with the API's error); {@code showError};
 * {@code drawArea(onRing)} and {@code pickPoint(onLatLng)} run the page's drawing tools;
 * {@code goToRegion(code)} fits the map to a region; {@code onOpen()} makes room for the panel;
 * {@code onIssued()} refreshes the active warnings.
 */
export function initWarnings({ map, api, showError, drawArea, pickPoint, goToRegion, onOpen, onIssued }) {
  const draft = L.layerGroup().addTo(map);
  let area = null; // { mode: 'polygon', ring } | { mode: 'circle', center: L.LatLng } | { mode: 'region', code, name }
  let preview = null; // { body, answer } of the last preview
  let board = null; // the running board watch

  const mode = () => document.querySelector('input[name=warn-mode]:checked').value;
  const level = () => Number(document.querySelector('input[name=warn-level]:checked').value);

  function formError(text) {
    $('warn-form-error').textContent = text;
    $('warn-form-error').hidden = !text;
  }

  function renderCategories() {
    const sel = $('warn-category');
    const keep = sel.value || 'flood';
    sel.replaceChildren(...Object.keys(CATEGORY_NAMES).map((c) => new Option(categoryName(c), c)));
    sel.value = keep;
  }

  function resetTimes() {
    const now = new Date();
    $('warn-effective').value = localInput(now);
    $('warn-expires').value = localInput(new Date(now.getTime() + DAY_MS));
  }

  function renderArea() {
    draft.clearLayers();
    const m = mode();
    document.querySelectorAll('[data-warn-mode]').forEach((el) => { el.hidden = el.dataset.warnMode !== m; });
    const a = area && area.mode === m ? area : null;
    const summary = $('warn-area-summary');
    // the drawn polygon as it will be sent, for whoever checks the answer against it
    if (a && a.mode === 'polygon') summary.dataset.area = JSON.stringify({ type: 'Polygon', coordinates: [a.ring] });
    else delete summary.dataset.area;
    if (!a) summary.textContent = t('warn_area_none');
    else if (a.mode === 'polygon') {
      L.polygon(a.ring.slice(0, -1).map(([lon, lat]) => [lat, lon]), { color: '#6a1b9a', weight: 2, dashArray: '6 4', fillOpacity: 0.08 }).addTo(draft);
      summary.textContent = tf('warn_area_polygon', { n: a.ring.length - 1 });
    } else if (a.mode === 'circle') {
      const r = radiusMetres();
      if (r > 0) L.circle(a.center, { radius: r, color: '#6a1b9a', weight: 2, dashArray: '6 4', fillOpacity: 0.08 }).addTo(draft);
      summary.textContent = tf('warn_area_circle', { lat: a.center.lat.toFixed(4), lon: a.center.lng.toFixed(4), r: `${$('warn-radius').value} km` });
    } else summary.textContent = tf('warn_area_region', { name: a.name ? `${a.name} (${a.code})` : a.code });
    $('warn-draw').textContent = t(area && area.mode === 'polygon' ? 'warn_redraw' : 'warn_draw');
  }

  const radiusMetres = () => Number($('warn-radius').value) * 1000;

  /** The CAP fields and the area as the warnings API takes them; a text naming what is missing otherwise. */
  function body() {
    const m = mode();
    const a = area && area.mode === m ? area : null;
    const regionCode = $('warn-region').value.trim();
    if (m === 'region' && /^[0-9]{2,12}$/.test(regionCode) && (!a || a.code !== regionCode)) area = { mode: 'region', code: regionCode };
    const chosen = area && area.mode === m ? area : null;
    if (!chosen) return t('warn_need_area');
    if (m === 'circle' && !(radiusMetres() > 0)) return t('warn_need_radius');
    const areaDesc = $('warn-area-desc').value.trim();
    if (!areaDesc) return t('warn_need_area_desc');
    const headline = $('warn-headline').value.trim();
    if (!headline) return t('warn_need_headline');
    const effective = new Date($('warn-effective').value);
    const expires = new Date($('warn-expires').value);
    if (!(expires > effective)) return t('warn_need_times');
    const out = {
      msg_type: 'Alert', status: $('warn-status').value, level: level(), category: $('warn-category').value, headline,
      effective: effective.toISOString(), expires: expires.toISOString(),
    };
    // empty texts are left out, so the server's own rule (required or optional) answers for them
    for (const f of ['description', 'instruction']) { const v = $('warn-' + f).value.trim(); if (v) out[f] = v; }
    // the CAP area: its description (areaDesc) and polygons, circles or region codes
    if (m === 'polygon') out.area = { description: areaDesc, polygons: [{ type: 'Polygon', coordinates: [chosen.ring] }] };
    else if (m === 'circle') out.area = { description: areaDesc, circles: [{ center: [Number(chosen.center.lng.toFixed(6)), Number(chosen.center.lat.toFixed(6))], radius_m: radiusMetres() }] };
    else out.area = { description: areaDesc, region_codes: [chosen.code] };
    return out;
  }

  const post = (path, json) => api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(json) });

  async function runPreview() {
    const b = body();
    if (typeof b === 'string') { formError(b); return; }
    formError('');
    $('warn-preview').disabled = true;
    try {
      const answer = await post('api/warnings/preview', b);
      preview = { body: b, answer };
      renderTargets();
      $('warn-targets').hidden = false;
      $('warn-issue').focus();
    } catch (e) { showError(e); } finally { $('warn-preview').disabled = false; }
  }

  function renderTargets() {
    if (!preview) return;
    const targets = preview.answer.targets || [];
    const byTier = preview.answer.by_tier || {};
    const names = new Map(((preview.answer.hazards || {}).items || []).map((h) => [h.id, h.name]));
    const withPhones = targets.some((p) => p.phone);
    $('warn-targets').innerHTML = `<h3>${esc(t('warn_targets'))}</h3>
      <p class="result-summary"><b id="warn-target-count">${preview.answer.count ?? targets.length}</b> ${esc(t('warn_n_targets'))} ·
        ${TIERS.map((tier) => `${esc(t('tier_' + tier))} <b data-tier="${tier}">${byTier[tier] || 0}</b>`).join(' · ')}</p>
      ${targets.length ? `<table class="warn-people"><thead><tr><th>${esc(t('person'))}</th><th>${esc(t('warn_tier'))}</th>
        ${withPhones ? `<th>${esc(t('f_responsible_phone'))}</th>` : ''}<th>${esc(t('warn_hazards_of'))}</th></tr></thead><tbody>
        ${targets.map((p) => `<tr data-person="${esc(p.person_id)}"><td>${esc(p.name || '—')}<br><span class="muted">${esc(p.unit || '')}</span></td>
          <td>${esc(tierName(p.tier))}</td>${withPhones ? `<td class="phone">${esc(p.phone || '—')}</td>` : ''}
          <td>${esc(hazardList(p, names))}</td></tr>`).join('')}</tbody></table>` : `<p class="note">${esc(t('warn_no_targets'))}</p>`}
      <button type="button" id="warn-issue" class="primary">${esc(t('warn_issue'))}</button>
      <div id="warn-confirm" role="alertdialog" aria-labelledby="warn-confirm-text" hidden>
        <p id="warn-confirm-text"></p>
        <button type="button" id="warn-confirm-yes" class="primary danger">${esc(t('warn_confirm_yes'))}</button>
        <button type="button" id="warn-confirm-no">${esc(t('warn_confirm_no'))}</button>
      </div>`;
    $('warn-issue').addEventListener('click', () => {
      $('warn-confirm-text').textContent = tf('warn_confirm_q', { headline: preview.body.headline, level: levelLabel(preview.body.level), n: targets.length });
      $('warn-confirm').hidden = false;
      $('warn-issue').hidden = true;
      $('warn-confirm-yes').focus();
    });
    $('warn-confirm-no').addEventListener('click', () => { $('warn-confirm').hidden = true; $('warn-issue').hidden = false; $('warn-headline').focus(); });
    $('warn-confirm-yes').addEventListener('click', issue);
  }

  async function issue() {
    $('warn-confirm-yes').disabled = true;
    try {
      const created = await post('api/warnings', preview.body);
      const issued = await post(`api/warnings/${encodeURIComponent(created.id)}/issue`, {});
      preview = null;
      draft.clearLayers();
      area = null;
      onIssued();
      openBoard(issued.id || created.id);
    } catch (e) {
      showError(e);
      if ($('warn-confirm-yes')) $('warn-confirm-yes').disabled = false;
    }
  }

  function show(part) {
    onOpen();
    $('warn-panel').hidden = false;
    $('tool-warn').setAttribute('aria-expanded', 'true');
    $('warn-form').hidden = part !== 'form';
    $('warn-targets').hidden = part !== 'form' || !preview;
    $('warn-board').hidden = part !== 'board';
    $('warn-title').textContent = t(part === 'form' ? 'warn_title' : 'warn_board');
  }

  function openForm() {
    if (board) { board.stop(); board = null; }
    show('form');
    renderArea();
    $('warn-headline').focus({ preventScroll: true });
  }

  function openBoard(id) {
    if (board) board.stop();
    show('board');
    board = watchBoard({ id, api, el: $('warn-board'), showError, onNew: canIssue() ? openForm : null, openBoard, onChanged: onIssued });
    $('warn-board').focus({ preventScroll: true });
  }

  function hide() {
    if (board) { board.stop(); board = null; }
    $('warn-panel').hidden = true;
    $('tool-warn').setAttribute('aria-expanded', 'false');
    $('tool-warn').classList.remove('active');
    draft.clearLayers();
  }

  // ---- wiring ----
  renderCategories();
  resetTimes();
  $('tool-warn').addEventListener('click', () => {
    if (!$('warn-panel').hidden && !$('warn-form').hidden) { hide(); return; }
    $('tool-warn').classList.add('active');
    openForm();
  });
  $('warn-close').addEventListener('click', () => { hide(); $('tool-warn').focus(); });
  $('warn-panel').addEventListener('keydown', (e) => { if (e.key === 'Escape' && $('hint').hidden) { hide(); $('tool-warn').focus(); } });
  document.querySelectorAll('input[name=warn-mode]').forEach((r) => r.addEventListener('change', () => { formError(''); renderArea(); }));
  $('warn-draw').addEventListener('click', () => drawArea((ring) => { area = { mode: 'polygon', ring }; renderArea(); $('warn-headline').focus(); }));
  $('warn-pick-centre').addEventListener('click', () => pickPoint((latlng) => { area = { mode: 'circle', center: latlng }; renderArea(); $('warn-radius').focus(); }));
  $('warn-radius').addEventListener('input', renderArea);
  $('warn-region').addEventListener('change', () => {
    const code = $('warn-region').value.trim();
    area = /^[0-9]{2,12}$/.test(code) ? { mode: 'region', code } : null;
    renderArea();
    if (area) goToRegion(code);
  });
  $('warn-form').addEventListener('submit', (e) => { e.preventDefault(); runPreview(); });
  // a preview answers for the form as it was: any change asks for a new one
  $('warn-form').addEventListener('input', () => { if (preview) { preview = null; $('warn-targets').hidden = true; } });
  const syncButton = () => {
    $('tool-warn').hidden = !canIssue();
    if (!canIssue() && !$('warn-form').hidden) hide();
    preview = null;
    $('warn-targets').hidden = true;
  };
  session.onChange(syncButton);
  syncButton(); // the page loads this module after the session is restored

  return {
    hide,
    openBoard,
    /** The search box picked a region: it becomes the area when the form asks for one. */
    takeRegion(region) {
      if ($('warn-panel').hidden || $('warn-form').hidden || mode() !== 'region') return false;
      $('warn-region').value = region.code;
      if (!$('warn-area-desc').value.trim()) $('warn-area-desc').value = region.name;
      area = { mode: 'region', code: region.code, name: region.name };
      renderArea();
      return true;
    },
    rerender() {
      applyTexts($('warn-panel'));
      renderCategories();
      if (!$('warn-form').hidden) { renderArea(); $('warn-title').textContent = t('warn_title'); }
      renderTargets();
      if (board) { board.rerender(); $('warn-title').textContent = t('warn_board'); }
    },
  };
}

function tierName(tier) {
  return t('tier_' + tier) === 'tier_' + tier ? (tier || t('tier_other')) : t('tier_' + tier);
}

/** The hazards a person is called for, by name ({@code names}: id → name, from the preview's hazards); '—' for a duty call alone. */
function hazardList(p, names) {
  return (p.hazards || []).map((id) => names.get(id) || id).join('、') || '—';
}
