// The phone inspection screen (三查, issue 11): from a hazard point's popup, an account with
// `inspect` records an inspection — kind, result, findings, where it stands, photos taken with the
// phone's camera — and every signed-in account in scope sees the point's timeline: inspections with
// their photos, rectification steps and reviews, oldest first, with the latest rectification and its
// extension actions above (rectification.js). Photos are fetched with the token (they are not public)
// and shown from blob URLs.
import { t, addTexts, applyTexts } from './i18n.js';
import * as session from './session.js';
import { apiErrorOf } from './mvt.js';
import { esc, formatTime } from './format.js';
import { initRectification } from './rectification.js';
import { fillError } from './messages.js';

const KINDS = ['pre_flood', 'in_flood', 'post_flood', 'routine'];
const RESULTS = ['normal', 'hidden_danger', 'worsened'];

addTexts({
  zh: {
    insp_open: '巡查 / 时间线', insp_title: '巡查记录', insp_kind: '检查类型', insp_result: '检查结果', insp_findings: '发现情况',
    insp_findings_ph: '如：后缘新增裂缝约 2 米', insp_lon: '经度', insp_lat: '纬度', insp_locate: '使用当前位置', insp_photos: '现场照片',
    insp_submit: '提交巡查记录', insp_sending: '正在提交…', insp_saved: '巡查记录已保存', insp_timeline: '时间线', insp_timeline_empty: '尚无巡查或整改记录',
    insp_no_position: '无法获取当前位置，请手动填写经纬度', insp_need_findings: '发现隐患或险情加剧时，请填写发现情况',
    ik_pre_flood: '汛前排查', ik_in_flood: '汛中巡查', ik_post_flood: '汛后复查', ik_routine: '日常巡查',
    ir_normal: '未见异常', ir_hidden_danger: '发现隐患', ir_worsened: '险情加剧',
    ie_inspection: '巡查', ie_rectification: '整改', ie_review: '审核',
    ia_report: '上报隐患', ia_order: '下达整改', ia_start: '开始整改', ia_extend: '延期', ia_submit: '提交验收', ia_county_accept: '县级验收通过',
    ia_reject: '验收不通过', ia_rework: '重新整改', ia_city_accept: '市级验收通过', ia_close: '销号',
    insp_by: '记录人', insp_deadline: '期限', act_inspect: '可巡查',
  },
  en: {
    insp_open: 'Inspect / timeline', insp_title: 'Inspection', insp_kind: 'Kind', insp_result: 'Result', insp_findings: 'Findings',
    insp_findings_ph: 'e.g. new crack about 2 m at the rear edge', insp_lon: 'Longitude', insp_lat: 'Latitude', insp_locate: 'Use my position', insp_photos: 'Photos',
    insp_submit: 'Submit inspection', insp_sending: 'Submitting…', insp_saved: 'Inspection saved', insp_timeline: 'Timeline', insp_timeline_empty: 'No inspections or rectification steps yet',
    insp_no_position: 'Position unavailable: enter longitude and latitude by hand', insp_need_findings: 'Say what was found when the result is a hidden danger or worse',
    ik_pre_flood: 'Pre-flood check', ik_in_flood: 'Flood-season patrol', ik_post_flood: 'Post-flood re-check', ik_routine: 'Routine patrol',
    ir_normal: 'Normal', ir_hidden_danger: 'Hidden danger found', ir_worsened: 'Worsened',
    ie_inspection: 'Inspection', ie_rectification: 'Rectification', ie_review: 'Review',
    ia_report: 'Reported', ia_order: 'Ordered', ia_start: 'Work started', ia_extend: 'Extended', ia_submit: 'Submitted', ia_county_accept: 'County accepted',
    ia_reject: 'Rejected', ia_rework: 'Rework', ia_city_accept: 'City accepted', ia_close: 'Written off',
    insp_by: 'By', insp_deadline: 'Deadline', act_inspect: 'Inspect',
  },
});

const $ = (id) => document.getElementById(id);

/** Whether the signed-in account may record inspections (the server checks the point's region again). */
export function canInspect() {
  const who = session.account();
  return !!who && (who.actions || []).some((a) => a === 'inspect' || a === 'admin');
}

function panelHtml() {
  const options = (list, prefix) => list.map((v) => `<option value="${v}" data-i18n="${prefix}${v}"></option>`).join('');
  return `<header><h2 id="insp-title"></h2><button type="button" id="insp-close" data-i18n-title="close">×</button></header>
    <form id="insp-form" novalidate>
      <label class="field"><span data-i18n="insp_kind"></span><select id="insp-kind">${options(KINDS, 'ik_')}</select></label>
      <label class="field"><span data-i18n="insp_result"></span><select id="insp-result">${options(RESULTS, 'ir_')}</select></label>
      <label class="field"><span data-i18n="insp_findings"></span><textarea id="insp-findings" rows="3" maxlength="4000" data-i18n-placeholder="insp_findings_ph"></textarea></label>
      <div class="insp-row">
        <label class="field"><span data-i18n="insp_lon"></span><input id="insp-lon" inputmode="decimal"></label>
        <label class="field"><span data-i18n="insp_lat"></span><input id="insp-lat" inputmode="decimal"></label>
      </div>
      <button type="button" id="insp-locate" data-i18n="insp_locate"></button>
      <label class="field"><span data-i18n="insp_photos"></span><input id="insp-photo" type="file" accept="image/*" capture="environment" multiple></label>
      <p id="insp-error" class="form-error" role="alert" hidden></p>
      <p id="insp-status" class="muted" role="status"></p>
      <button type="submit" id="insp-submit" class="primary" data-i18n="insp_submit"></button>
    </form>
    <section id="insp-rect"></section>
    <h3 data-i18n="insp_timeline"></h3>
    <ol id="insp-timeline" aria-live="polite"></ol>
    <p id="insp-timeline-empty" class="muted" data-i18n="insp_timeline_empty" hidden></p>`;
}

async function sha256Hex(file) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Builds the panel (hidden) and returns {@code decoratePopup(div, hazardId, name, latlng)}, which
 * adds the "inspect / timeline" button to a hazard point's popup for a signed-in account.
 * {@code onOpen()} makes room for the panel.
 */
export function initInspection({ map, showError, onOpen }) {
  const panel = document.createElement('aside');
  panel.id = 'insp-panel';
  panel.setAttribute('aria-labelledby', 'insp-title');
  panel.hidden = true;
  panel.innerHTML = panelHtml();
  document.body.appendChild(panel);
  applyTexts(panel);
  let point = null; // { id, name, latlng } of the open point
  let photoUrls = []; // blob URLs of the timeline's photos, revoked on every redraw
  const rectification = initRectification({ host: $('insp-rect'), onChanged: () => loadTimeline().catch(showError) });

  const close = () => { panel.hidden = true; point = null; };
  $('insp-close').addEventListener('click', close);
  session.onChange(close); // what the panel showed belonged to the account before

  function formMessage(error, status) {
    $('insp-error').textContent = error || '';
    $('insp-error').hidden = !error;
    $('insp-status').textContent = status || '';
  }

  $('insp-locate').addEventListener('click', () => {
    if (!navigator.geolocation) { formMessage(t('insp_no_position')); return; }
    navigator.geolocation.getCurrentPosition((pos) => {
      $('insp-lon').value = pos.coords.longitude.toFixed(6);
      $('insp-lat').value = pos.coords.latitude.toFixed(6);
      formMessage('');
    }, () => formMessage(t('insp_no_position')), { enableHighAccuracy: true, timeout: 10000 });
  });

  async function photoUrl(href) {
    const res = await session.authFetch(href);
    if (!res.ok) throw await apiErrorOf(res);
    const url = URL.createObjectURL(await res.blob());
    photoUrls.push(url);
    return url;
  }

  function eventHtml(e) {
    const head = `<span class="insp-type">${esc(t('ie_' + e.type))}</span> <time datetime="${esc(e.at)}">${esc(formatTime(e.at))}</time>`;
    if (e.type === 'inspection') {
      const photos = e.photos.map((p) => `<img data-href="${esc(p.href)}" alt="${esc(p.file_name || p.id)}" data-sha256="${esc(p.sha256)}">`).join('');
      return `${head}<div><b>${esc(t('ik_' + e.kind))}</b> · <span class="insp-result ${esc(e.result)}">${esc(t('ir_' + e.result))}</span></div>
        ${e.findings ? `<div>${esc(e.findings)}</div>` : ''}<div class="muted">${esc(t('insp_by'))}: ${esc(e.inspector)}</div>
        ${photos ? `<div class="insp-photos">${photos}</div>` : ''}`;
    }
    const extra = [e.opinion, e.reason, e.deadline ? `${t('insp_deadline')}: ${formatTime(e.deadline)}` : null].filter(Boolean).map(esc).join(' · ');
    return `${head}<div><b>${esc(t('ia_' + e.action) === 'ia_' + e.action ? e.action : t('ia_' + e.action))}</b> <span class="muted">${esc(e.rectification_id)}</span></div>
      ${extra ? `<div>${extra}</div>` : ''}<div class="muted">${esc(t('insp_by'))}: ${esc(e.actor)}</div>`;
  }

  async function loadTimeline() {
    const id = point.id;
    const res = await session.authFetch(`api/hazards/${encodeURIComponent(id)}/timeline`);
    if (!res.ok) throw await apiErrorOf(res);
    const body = await res.json();
    if (!point || point.id !== id) return; // another point was opened meanwhile
    photoUrls.forEach((u) => URL.revokeObjectURL(u));
    photoUrls = [];
    const list = $('insp-timeline');
    list.replaceChildren(...body.events.map((e) => {
      const li = document.createElement('li');
      li.className = 'insp-event ' + e.type;
      li.innerHTML = eventHtml(e);
      return li;
    }));
    $('insp-timeline-empty').hidden = body.events.length > 0;
    // the latest rectification of the point, with the extension steps the account may take on it
    const latest = body.events.filter((e) => e.rectification_id).pop();
    if (latest) rectification.show(latest.rectification_id).catch(showError); else rectification.clear();
    for (const img of list.querySelectorAll('img[data-href]')) {
      photoUrl(img.dataset.href).then((u) => { img.src = u; }).catch(showError);
    }
  }

  $('insp-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const result = $('insp-result').value;
    const findings = $('insp-findings').value.trim();
    if (result !== 'normal' && !findings) { formMessage(t('insp_need_findings')); return; }
    const form = new FormData();
    form.append('kind', $('insp-kind').value);
    form.append('result', result);
    if (findings) form.append('findings', findings);
    form.append('lon', $('insp-lon').value.trim());
    form.append('lat', $('insp-lat').value.trim());
    const files = [...$('insp-photo').files];
    // the server checks the hash it computes against this one; digest needs a secure context (https, localhost)
    const hashes = crypto.subtle ? await Promise.all(files.map(sha256Hex)) : [];
    files.forEach((f, i) => {
      form.append('photo', f, f.name);
      if (hashes.length) form.append('photo_sha256', hashes[i]);
    });
    $('insp-submit').disabled = true;
    formMessage('', t('insp_sending'));
    try {
      const res = await session.authFetch(`api/hazards/${encodeURIComponent(point.id)}/inspections`, { method: 'POST', body: form });
      if (!res.ok) throw await apiErrorOf(res);
      formMessage('', t('insp_saved'));
      $('insp-findings').value = '';
      $('insp-photo').value = '';
      await loadTimeline();
    } catch (e) {
      formMessage('');
      fillError($('insp-error'), e);
    } finally {
      $('insp-submit').disabled = false;
    }
  });

  function open(id, name, latlng) {
    onOpen();
    point = { id, name, latlng };
    $('insp-title').textContent = `${t('insp_title')} · ${name || id}`;
    $('insp-form').hidden = !canInspect();
    $('insp-lon').value = latlng.lng.toFixed(6);
    $('insp-lat').value = latlng.lat.toFixed(6);
    formMessage('');
    $('insp-timeline').replaceChildren();
    rectification.clear();
    panel.hidden = false;
    panel.scrollIntoView({ block: 'start' });
    loadTimeline().catch(showError);
  }

  return {
    decoratePopup(div, id, name, latlng) {
      if (!session.account()) return;
      const actions = div.querySelector('.popup-actions');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'inspect';
      b.textContent = t('insp_open');
      b.addEventListener('click', () => { map.closePopup(); open(id, name, latlng); });
      actions.appendChild(b);
    },
  };
}
