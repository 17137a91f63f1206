// The map page's two feedback slots (issue 14), so that neither hides the other:
//  - the error area #message (role=alert): a failure in the page's language, the server's own
//    (English) detail behind a 详情 / Details toggle; it stays until dismissed;
//  - the status line #status-line (role=status, aria-live=polite): everything else, for a while.
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
 * Shows a failed request ({@code err.code}, {@code err.message} = the server's detail, {@code err.url},
 * {@code err.status} as apiErrorOf makes them) in the error area. A 401 is the session's business:
 * it signs out or asks for a sign-in, with its own message.
 */
export function showError(err) {
  if (err.status === 401) return;
  shownError = err;
  renderError();
}

/** Shows a text of the page's own in the error area (kind 'error') or on the status line (any other kind). */
export function showMessage(text, kind = 'error') {
  if (kind === 'error') { showError({ text }); return; }
  $('status-line').textContent = text;
  $('status-line').hidden = false;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { $('status-line').hidden = true; $('status-line').textContent = ''; }, STATUS_MS);
}

/** Says the error on show again in the page's language. */
export function rerenderMessages() {
  if (shownError && !$('message').hidden) renderError();
}

function renderError() {
  const err = shownError;
  $('message-text').textContent = err.text || tf('error_what', { what: errorText(err.code) });
  const where = err.url ? ` — ${new URL(err.url, location.href).pathname}` : '';
  const status = err.status ? ` (HTTP ${err.status}${err.code ? ', ' + err.code : ''})` : '';
  $('message-detail-text').textContent = err.text ? '' : `${err.message || ''}${where}${status}`;
  $('message-detail').hidden = !!err.text;
  $('message').hidden = false;
}

export function initMessages() {
  $('message-close').addEventListener('click', () => { $('message').hidden = true; shownError = null; });
}
