// What the duty desk does from a warning's board (issue 10): send the CAP Update or Cancel message
// of an issued warning (POST /api/warnings/{id}/update, /cancel; the server issues the new message,
// with its own targets, and marks the original updated or cancelled), and record an answer taken
// on the phone for one target (POST /api/warnings/{id}/targets/{personId}/answer). The forms live
// beside the board's body, which is redrawn on every change, so an open form survives a redraw.
import { t, tf, addTexts } from './i18n.js';
import { esc, levelLabel } from './format.js';
import * as session from './session.js';

addTexts({
  zh: {
    wa_update: '更新', wa_cancel: '解除', wa_update_title: '发布更新消息', wa_cancel_title: '解除预警',
    wa_update_q: '确认发布“{headline}”的更新（{level}）？更新消息将再次通知区域内的人员。', wa_update_yes: '确认更新',
    wa_cancel_q: '确认解除“{headline}”？解除消息将通知区域内的人员，解除后本预警不再生效。', wa_cancel_yes: '确认解除',
    wa_cancel_note: '解除说明（可不填）', wa_back: '返回',
    wa_updated: '已发布更新消息 {id}（通知 {n} 人）；原预警状态：{state}', wa_cancelled: '已发布解除消息 {id}（通知 {n} 人）；原预警状态：{state}',
    wa_open_new: '查看新消息的看板',
    wa_desk: '登记电话应答', wa_desk_title: '登记电话应答：{name}', wa_answer: '应答', wa_note: '备注', wa_desk_save: '登记',
    wa_desk_done: '已登记 {name} 的电话应答：{answer}', wa_need_answer: '请选择应答：收到、已到岗或需要支援',
    ans_received: '收到', ans_on_duty: '已到岗', ans_need_support: '需要支援',
    wstate_draft: '草稿', wstate_issued: '已发布', wstate_updated: '已更新', wstate_cancelled: '已解除', wstate_expired: '已失效',
    msg_Alert: '预警', msg_Update: '更新', msg_Cancel: '解除',
  },
  en: {
    wa_update: 'Update', wa_cancel: 'Cancel', wa_update_title: 'Send an Update message', wa_cancel_title: 'Cancel the warning',
    wa_update_q: 'Send the update of “{headline}” ({level})? The Update message notifies the people of the area again.', wa_update_yes: 'Send the update',
    wa_cancel_q: 'Cancel “{headline}”? The Cancel message notifies the people of the area; the warning is then no longer in force.', wa_cancel_yes: 'Cancel the warning',
    wa_cancel_note: 'Why it ends (optional)', wa_back: 'Back',
    wa_updated: 'Update message {id} sent ({n} people notified); the warning is now {state}', wa_cancelled: 'Cancel message {id} sent ({n} people notified); the warning is now {state}',
    wa_open_new: 'Open the new message’s board',
    wa_desk: 'Record phone answer', wa_desk_title: 'Record a phone answer: {name}', wa_answer: 'Answer', wa_note: 'Note', wa_desk_save: 'Record',
    wa_desk_done: 'Phone answer of {name} recorded: {answer}', wa_need_answer: 'Choose an answer: received, on duty or need support',
    ans_received: 'received', ans_on_duty: 'on duty', ans_need_support: 'need support',
    wstate_draft: 'draft', wstate_issued: 'issued', wstate_updated: 'updated', wstate_cancelled: 'cancelled', wstate_expired: 'expired',
    msg_Alert: 'Alert', msg_Update: 'Update', msg_Cancel: 'Cancel',
  },
});

const ANSWERS = ['received', 'on_duty', 'need_support'];

const mayAct = (action) => ((session.account() || {}).actions || []).includes(action);

/** t(prefix + key), or the key itself when there is no such text. */
export function named(prefix, key) {
  return t(prefix + key) === prefix + key ? String(key || '—') : t(prefix + key);
}

/** Whether the desk may record an answer for board row {@code p}: the account may, and the person has not answered yet. */
export function mayRecordAnswer(p) {
  return (mayAct('issue_warning') || mayAct('acknowledge')) && !p.answered_at;
}

/**
 * The actions area of the board of warning {@code id} in {@code el}. {@code reload()} re-reads the
 * board and the warning; {@code openBoard(id)} shows another message's board; {@code onChanged()} tells the page
 * that the active warnings changed. sync(board, warning) shows what fits the warning's state.
 */
export function boardActions({ id, el, api, showError, reload, openBoard, onChanged }) {
  let current = null; // { board, warning } as last drawn
  const post = (path, json) => api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(json) });
  const path = (tail) => `api/warnings/${encodeURIComponent(id)}/${tail}`;

  el.innerHTML = `<div class="warn-msg-actions" hidden>
      <button type="button" class="warn-update"></button> <button type="button" class="warn-cancel danger-text"></button></div>
    <form class="warn-action-form" novalidate hidden></form>
    <div class="warn-action-result" role="status" aria-live="polite" hidden></div>`;
  const buttons = el.querySelector('.warn-msg-actions');
  const form = el.querySelector('.warn-action-form');
  const result = el.querySelector('.warn-action-result');

  function labels() {
    buttons.querySelector('.warn-update').textContent = t('wa_update');
    buttons.querySelector('.warn-cancel').textContent = t('wa_cancel');
  }

  function closeForm() {
    form.hidden = true;
    form.replaceChildren();
    form.onsubmit = null;
  }

  function showResult(html) {
    result.innerHTML = html;
    result.hidden = false;
    result.scrollIntoView({ block: 'nearest' });
  }

  /** A form: its fields, then a confirm step naming what will happen before anything is sent. */
  function openForm(kind, fieldsHtml, question, yesText, send) {
    result.hidden = true;
    form.dataset.kind = kind;
    form.innerHTML = `<h3>${esc(t(kind === 'update' ? 'wa_update_title' : kind === 'cancel' ? 'wa_cancel_title' : 'wa_desk'))}</h3>${fieldsHtml}
      <p class="form-error" role="alert" hidden></p>
      <button type="submit" class="primary">${esc(yesText)}</button> <button type="button" class="warn-action-back">${esc(t('wa_back'))}</button>
      <div class="warn-action-confirm" role="alertdialog" hidden><p></p>
        <button type="button" class="primary danger warn-action-yes">${esc(yesText)}</button> <button type="button" class="warn-action-no">${esc(t('wa_back'))}</button></div>`;
    form.hidden = false;
    const error = form.querySelector('.form-error');
    const confirm = form.querySelector('.warn-action-confirm');
    form.querySelector('.warn-action-back').addEventListener('click', closeForm);
    form.querySelector('.warn-action-no').addEventListener('click', () => { confirm.hidden = true; });
    form.onsubmit = (e) => {
      e.preventDefault();
      const q = question();
      error.hidden = !q.error;
      error.textContent = q.error || '';
      if (q.error) return;
      if (!q.text) { run(); return; } // nothing to confirm: the form itself was the step
      confirm.querySelector('p').textContent = q.text;
      confirm.hidden = false;
      confirm.querySelector('.warn-action-yes').focus();
    };
    async function run() {
      form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      try {
        await send();
        closeForm();
      } catch (e) {
        showError(e);
        form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
      }
    }
    confirm.querySelector('.warn-action-yes').addEventListener('click', run);
    form.scrollIntoView({ block: 'nearest' });
    form.querySelector('input, textarea, select')?.focus({ preventScroll: true });
  }

  /** The answer of an Update or Cancel: the new message, and the original re-read to show its new state. */
  async function superseded(kind, message) {
    const original = await api(`api/warnings/${encodeURIComponent(id)}`);
    showResult(`<p>${esc(tf(kind === 'update' ? 'wa_updated' : 'wa_cancelled', {
      id: message.id, n: (message.targets || {}).count ?? 0, state: named('wstate_', original.state),
    }))}</p><button type="button" class="warn-open-new" data-warning="${esc(message.id)}">${esc(t('wa_open_new'))}</button>`);
    result.querySelector('.warn-open-new').addEventListener('click', () => openBoard(message.id));
    onChanged();
    reload();
  }

  function openUpdate() {
    const w = current.warning || {};
    const local = (iso) => { const d = new Date(iso); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 16); };
    openForm('update', `<label class="field"><span>${esc(t('warn_level'))}</span><select name="level">
        ${[1, 2, 3, 4].map((n) => `<option value="${n}"${n === w.level ? ' selected' : ''}>${esc(levelLabel(n))}</option>`).join('')}</select></label>
      <label class="field"><span>${esc(t('warn_headline'))}</span><input name="headline" maxlength="200" value="${esc(w.headline || '')}"></label>
      <label class="field"><span>${esc(t('warn_description'))}</span><textarea name="description" rows="3">${esc(w.description || '')}</textarea></label>
      <label class="field"><span>${esc(t('warn_instruction'))}</span><textarea name="instruction" rows="2">${esc(w.instruction || '')}</textarea></label>
      <label class="field"><span>${esc(t('warn_expires'))}</span><input name="expires" type="datetime-local" value="${w.expires ? local(w.expires) : ''}"></label>`,
    () => {
      const f = form.elements;
      if (!f.headline.value.trim()) return { error: t('warn_need_headline') };
      const expires = new Date(f.expires.value);
      if (Number.isNaN(expires.getTime()) || expires <= new Date(w.effective)) return { error: t('warn_need_times') };
      return { text: tf('wa_update_q', { headline: f.headline.value.trim(), level: levelLabel(Number(f.level.value)) }) };
    },
    t('wa_update_yes'), async () => {
      const f = form.elements;
      const body = { level: Number(f.level.value), headline: f.headline.value.trim(), expires: new Date(f.expires.value).toISOString() };
      // an emptied text is left out: the Update keeps the earlier one, as the server merges the fields sent
      for (const name of ['description', 'instruction']) { const v = f[name].value.trim(); if (v) body[name] = v; }
      await superseded('update', await post(path('update'), body));
    });
  }

  function openCancel() {
    const w = current.warning || {};
    openForm('cancel', `<label class="field"><span>${esc(t('wa_cancel_note'))}</span><textarea name="description" rows="2"></textarea></label>`,
      () => ({ text: tf('wa_cancel_q', { headline: w.headline || id }) }),
      t('wa_cancel_yes'), async () => {
        const note = form.elements.description.value.trim();
        // without a note the server writes 【解除】 before the warning's own description
        await superseded('cancel', await post(path('cancel'), note ? { description: note } : {}));
      });
  }

  buttons.querySelector('.warn-update').addEventListener('click', openUpdate);
  buttons.querySelector('.warn-cancel').addEventListener('click', openCancel);

  return {
    sync(board, warning) {
      current = { board, warning };
      labels();
      // only an issued warning takes an Update or a Cancel, and only from an account that may issue
      buttons.hidden = !(board.state === 'issued' && mayAct('issue_warning'));
      if (buttons.hidden && (form.dataset.kind === 'update' || form.dataset.kind === 'cancel')) closeForm();
    },
    /** The phone-answer form for board row {@code p}. */
    recordAnswer(p) {
      const name = p.name || p.person_id;
      openForm('desk', `<p class="warn-desk-person" data-person="${esc(p.person_id)}">${esc(tf('wa_desk_title', { name }))}</p>
        <fieldset class="field warn-answers"><legend>${esc(t('wa_answer'))}</legend>
        ${ANSWERS.map((a) => `<label><input type="radio" name="answer" value="${a}"> ${esc(t('ans_' + a))}</label>`).join(' ')}</fieldset>
        <label class="field"><span>${esc(t('wa_note'))}</span><textarea name="note" rows="2" maxlength="1000"></textarea></label>`,
      () => (form.elements.answer.value ? {} : { error: t('wa_need_answer') }),
      t('wa_desk_save'), async () => {
        const answer = form.elements.answer.value;
        const note = form.elements.note.value.trim();
        await post(`${path('targets')}/${encodeURIComponent(p.person_id)}/answer`, { answer, via: 'phone', ...(note ? { note } : {}) });
        showResult(`<p>${esc(tf('wa_desk_done', { name, answer: t('ans_' + answer) }))}</p>`);
        reload();
      });
    },
    rerender() { labels(); },
  };
}
