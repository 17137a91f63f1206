// The map page's two feedback slots (issue 14), so that neither hides the other:
//  - the error area #message (role=alert): a failure in the page's language, the server's own
//    (English) detail behind a 详情 / Details toggle; it stays until dismissed;
//  - the status line #status-line (role=status, aria-live=polite): everything else, for a while.
// Panels with their own error line (inspection, rectification) fill it the same way (fillError).
import { t, tf } from './i18n.js';

const $ = (id) => document.getElementById(id);
const STATUS_MS = 12000;
let shownError = null; // the error on show, so a language switch can say it again
let statusTimer = null;

/** The page-language name of an API error code ({"error": code}); a generic text for codes the page does not know. */
export function errorText(code) {
  if (!code) return t('err_network');
  const key = 'err_' + code;
  return t(key) === key ? t('err_unknown') : t(key);
}

/**
 * Fills {@code el} with {@code err} (code, message = the server's detail, url, status, as apiErrorOf
 * makes them): "出错了：查询参数有误", then the detail, path and status behind a 详情 toggle. An error
 * of the page's own ({@code err.text}) is shown as it is.
 */
export function fillError(el, err) {
  const text = document.createElement('span');
  text.className = 'rm-error-text';
  text.textContent = err.text || tf('error_what', { what: errorText(err.code) });
  el.replaceChildren(text);
  if (!err.text) {
    const where = err.url ? ` — ${new URL(err.url, location.href).pathname}` : '';
    const status = err.status ? ` (HTTP ${err.status}${err.code ? ', ' + err.code : ''})` : '';
    const details = document.createElement('details');
    details.className = 'rm-error-detail';
    details.innerHTML = '<summary></summary><span></span>';
    details.querySelector('summary').textContent = t('details');
    details.querySelector('span').textContent = `${err.message || ''}${where}${status}`;
    el.appendChild(details);
  }
  el.hidden = false;
}

/** Shows a failed request in the error area. A 401 is the session's business: it signs out or asks for a sign-in, with its own message. */
export function showError(err) {
  if (err.status === 401) return;
  shownError = err;
  fillError($('message-body'), err);
  $('message').hidden = false;
}

/** Shows a text of the page's own in the error area (kind 'error') or on the status line (any other kind). */
export function showMessage(text, kind = 'error') {
  if (kind === 'error') { showError({ text }); return; }
  // the live region stays in the page (empty, it draws nothing) so screen readers hear each new text
  $('status-line').textContent = text;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { $('status-line').textContent = ''; }, STATUS_MS);
}

/** Says the error on show again in the page's language. */
export function rerenderMessages() {
  if (shownError && !$('message').hidden) showError(shownError);
}

export function initMessages() {
  $('message-close').addEventListener('click', () => { $('message').hidden = true; shownError = null; });
}
