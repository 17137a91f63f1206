// The "账户 / Account" section of the sidebar: the sign-in form for a token holder, or who is signed
// in — name, role, scope and what the account may do — with a sign-out.
import * as session from './session.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
let scopeName = null; // { code, name } of the signed-in account's scope, once looked up

/**
 * Wires the form. {@code api(path)} fetches JSON with the session (to name the scope's region);
 * {@code onFailure(err)} shows a failure that is not the token's fault (network, server).
 */
export function initAccount({ api, onFailure }) {
  $('signin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('signin-token');
    if (!session.cleanToken(input.value)) { formError(t('signin_empty')); input.focus(); return; }
    formError('');
    $('signin-status').textContent = t('signing_in');
    $('signin-submit').disabled = true;
    try {
      await session.signIn(input.value);
      input.value = '';
    } catch (err) {
      input.select();
      if (err.status === 401) formError(t('signin_failed'));
      else onFailure(err);
    } finally {
      $('signin-submit').disabled = false;
      $('signin-status').textContent = '';
    }
  });
  $('signout').addEventListener('click', () => session.signOut());
  session.onChange((who) => {
    scopeName = null;
    if (who && who.scope) {
      // the region's name next to its code; the code alone when the lookup fails
      api(`api/regions/${encodeURIComponent(who.scope)}`)
        .then((r) => { if (session.account() === who) { scopeName = { code: who.scope, name: r.name }; renderAccount(); } })
        .catch(() => {});
    }
    renderAccount();
    if (!who) $('signin-token').focus({ preventScroll: true });
  });
}

function formError(text) {
  $('signin-error').textContent = text;
  $('signin-error').hidden = !text;
  $('signin-token').setAttribute('aria-invalid', text ? 'true' : 'false');
}

/** Shows the form or the account, in the page's language. */
export function renderAccount() {
  const who = session.account();
  $('account-anon').hidden = !!who;
  $('account-info').hidden = !who;
  if (!who) return;
  formError('');
  $('account-name').textContent = who.name;
  $('account-role').textContent = who.role ? t('role_' + who.role) : '';
  const named = scopeName && scopeName.code === who.scope ? `${scopeName.name} (${who.scope})` : who.scope;
  $('account-scope').textContent = who.scope ? named : t('scope_all');
  $('account-actions').replaceChildren(...(who.actions || []).map((a) => {
    const li = document.createElement('li');
    li.dataset.action = a;
    li.textContent = t('act_' + a) === 'act_' + a ? a : t('act_' + a);
    return li;
  }));
}

/** Focuses the token field, for a server that shows nothing without a sign-in. */
export function askForSignIn() {
  $('signin-token').focus();
}
