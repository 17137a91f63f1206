// The rectification box of a point's inspection / timeline panel (隐患整改, issue 11): the point's
// latest rectification — state, deadline, overdue, a pending extension request — and the extension
// steps the signed-in account may take on it: 申请延期 (a later deadline and a reason) for an
// account that edits, 批准延期 / 不予延期 (with an opinion) for a county reviewer. The buttons follow
// the server's "allowed" list; the server checks scope and level again and its refusal is shown.
import { t, tf, addTexts, applyTexts } from './i18n.js';
import * as session from './session.js';
import { apiErrorOf } from './mvt.js';
import { esc, formatTime } from './format.js';
import { fillError } from './messages.js';

addTexts({
  zh: {
    rc_title: '整改', rc_state: '状态', rc_deadline: '整改期限', rc_overdue: '已超期', rc_pending: '延期申请待审核：申请延至 {deadline}（{by}）',
    rc_new_deadline: '申请延至', rc_reason: '延期理由', rc_reason_ph: '如：连续降雨，挖机无法进场', rc_request: '申请延期',
    rc_opinion: '审核意见', rc_opinion_ph: '如：同意延期 / 降雨已停，应按期完成', rc_grant: '批准延期', rc_refuse: '不予延期',
    rc_need_deadline: '请选择新的整改期限', rc_need_reason: '请填写延期理由', rc_need_opinion: '不予延期时请填写审核意见', rc_done: '已提交',
    rs_reported: '已上报', rs_ordered: '已下达整改', rs_rectifying: '整改中', rs_submitted: '已提交验收', rs_county_accepted: '县级已验收',
    rs_rejected: '验收未通过', rs_accepted: '市级已验收', rs_closed: '已销号',
    ia_request_extension: '申请延期', ia_grant_extension: '批准延期', ia_refuse_extension: '不予延期',
    act_review_city: '可市级审核', role_county_reviewer: '县级审核员', role_city_reviewer: '市级审核员',
  },
  en: {
    rc_title: 'Rectification', rc_state: 'State', rc_deadline: 'Deadline', rc_overdue: 'overdue', rc_pending: 'Extension requested to {deadline} ({by}), awaiting review',
    rc_new_deadline: 'New deadline', rc_reason: 'Reason', rc_reason_ph: 'e.g. continuous rain, no excavator access', rc_request: 'Request extension',
    rc_opinion: 'Opinion', rc_opinion_ph: 'e.g. agreed / the rain has stopped, finish on time', rc_grant: 'Grant extension', rc_refuse: 'Refuse extension',
    rc_need_deadline: 'Choose the new deadline', rc_need_reason: 'Say why more time is needed', rc_need_opinion: 'Give an opinion when refusing', rc_done: 'Sent',
    rs_reported: 'reported', rs_ordered: 'ordered', rs_rectifying: 'rectifying', rs_submitted: 'submitted', rs_county_accepted: 'county accepted',
    rs_rejected: 'rejected', rs_accepted: 'city accepted', rs_closed: 'written off',
    ia_request_extension: 'Extension requested', ia_grant_extension: 'Extension granted', ia_refuse_extension: 'Extension refused',
    act_review_city: 'can review (city)', role_county_reviewer: 'county reviewer', role_city_reviewer: 'city reviewer',
  },
});

const $ = (id) => document.getElementById(id);

function can(action) {
  const who = session.account();
  return !!who && (who.actions || []).some((a) => a === action || a === 'admin');
}

function boxHtml() {
  return `<h3 data-i18n="rc_title"></h3>
    <div id="rect-summary"></div>
    <p id="rect-pending" class="rect-pending" hidden></p>
    <form id="rect-request" novalidate hidden>
      <label class="field"><span data-i18n="rc_new_deadline"></span><input id="rect-new-deadline" type="datetime-local"></label>
      <label class="field"><span data-i18n="rc_reason"></span><textarea id="rect-reason" rows="2" maxlength="2000" data-i18n-placeholder="rc_reason_ph"></textarea></label>
      <button type="submit" id="rect-request-send" data-i18n="rc_request"></button>
    </form>
    <form id="rect-decide" novalidate hidden>
      <label class="field"><span data-i18n="rc_opinion"></span><textarea id="rect-opinion" rows="2" maxlength="2000" data-i18n-placeholder="rc_opinion_ph"></textarea></label>
      <div class="insp-row"><button type="button" id="rect-grant" data-i18n="rc_grant"></button><button type="button" id="rect-refuse" data-i18n="rc_refuse"></button></div>
    </form>
    <p id="rect-error" class="form-error" role="alert" hidden></p>
    <p id="rect-status" class="muted" role="status"></p>`;
}

/**
 * Fills {@code host} (hidden until a rectification is shown) and returns {@code show(id)} and
 * {@code clear()}; {@code onChanged()} runs after a step was taken, to redraw the timeline.
 */
export function initRectification({ host, onChanged }) {
  host.innerHTML = boxHtml();
  host.hidden = true;
  applyTexts(host);
  let current = null; // the rectification shown, as GET /api/rectifications/{id} answers

  function message(error, status) {
    $('rect-error').textContent = error || '';
    $('rect-error').hidden = !error;
    $('rect-status').textContent = status || '';
  }

  function render(r) {
    current = r;
    const overdue = r.overdue ? ` <b class="rect-overdue">${esc(t('rc_overdue'))}</b>` : '';
    $('rect-summary').innerHTML = `<div>${esc(r.id)} · ${esc(t('rc_state'))}: ${esc(t('rs_' + r.state))}</div>`
      + (r.deadline ? `<div>${esc(t('rc_deadline'))}: ${esc(formatTime(r.deadline))}${overdue}</div>` : '');
    const ext = r.extension_request;
    $('rect-pending').hidden = !ext;
    $('rect-pending').textContent = ext ? tf('rc_pending', { deadline: formatTime(ext.deadline), by: ext.requested_by }) + ' · ' + ext.reason : '';
    $('rect-request').hidden = !(r.allowed.includes('request_extension') && can('edit'));
    $('rect-decide').hidden = !(r.allowed.includes('grant_extension') && can('review'));
    host.hidden = false;
  }

  async function load(id) {
    const res = await session.authFetch(`api/rectifications/${encodeURIComponent(id)}`);
    if (!res.ok) throw await apiErrorOf(res);
    render(await res.json());
  }

  async function send(body, button) {
    button.disabled = true;
    message('');
    try {
      const res = await session.authFetch(`api/rectifications/${encodeURIComponent(current.id)}/transitions`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      if (!res.ok) throw await apiErrorOf(res);
      render(await res.json());
      $('rect-reason').value = '';
      $('rect-opinion').value = '';
      message('', t('rc_done'));
      onChanged();
    } catch (e) {
      message('');
      fillError($('rect-error'), e);
    } finally {
      button.disabled = false;
    }
  }

  $('rect-request').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const local = $('rect-new-deadline').value; // the browser's local time, sent with its offset as an instant
    const reason = $('rect-reason').value.trim();
    if (!local) { message(t('rc_need_deadline')); return; }
    if (!reason) { message(t('rc_need_reason')); return; }
    send({ action: 'request_extension', deadline: new Date(local).toISOString(), reason }, $('rect-request-send'));
  });
  $('rect-grant').addEventListener('click', () => {
    const opinion = $('rect-opinion').value.trim();
    send(opinion ? { action: 'grant_extension', opinion } : { action: 'grant_extension' }, $('rect-grant'));
  });
  $('rect-refuse').addEventListener('click', () => {
    const opinion = $('rect-opinion').value.trim();
    if (!opinion) { message(t('rc_need_opinion')); return; }
    send({ action: 'refuse_extension', opinion }, $('rect-refuse'));
  });

  return {
    /** Shows rectification {@code id}; rejects with the API error. */
    show(id) { message(''); return load(id); },
    clear() { current = null; host.hidden = true; message(''); },
  };
}
