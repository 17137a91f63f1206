// The signed-in account of the map page: a token kept in sessionStorage (gone when the tab closes,
// never in the URL, never logged) and sent as "Authorization: Bearer …" with every request to
// /api, /ogc and /tiles through authFetch.
import { apiErrorOf } from './mvt.js';

const KEY = 'riskmap.token';
let current = null; // the /api/me answer of the signed-in account, or null
const listeners = [];

/** The stored token, or null when signed out. */
export function token() { return sessionStorage.getItem(KEY); }

/** The signed-in account ({ id, name, role, scope, actions, public_read }), or null. */
export function account() { return current; }

/** Calls fn(account, reason) after every sign-in and sign-out; reason names why ('expired', 'signed_out', …). */
export function onChange(fn) { listeners.push(fn); }

/**
 * fetch with the session's token, if any; the token that was sent rides on the response for 401
 * handling. Signed-in answers stay out of the browser's HTTP cache (cache: 'no-store' unless the
 * caller chooses): they may hold phones, and a revalidation (If-None-Match → 304) would otherwise
 * hand back a copy cached for another account or for no account.
 */
export async function authFetch(url, init = {}) {
  const sent = token();
  const headers = new Headers(init.headers || {});
  if (sent) headers.set('Authorization', 'Bearer ' + sent);
  const res = await fetch(url, { cache: sent ? 'no-store' : 'default', ...init, headers });
  res.sentToken = sent;
  return res;
}

/** A pasted token without surrounding blanks or a leading "Bearer ". */
export function cleanToken(raw) {
  return String(raw || '').trim().replace(/^bearer\s+/i, '').trim();
}

async function me(t) {
  const res = await fetch('api/me', { headers: { Authorization: 'Bearer ' + t } });
  if (!res.ok) throw await apiErrorOf(res);
  return res.json();
}

/** Checks the token with GET /api/me and keeps it; rejects with the API error (status 401 for a bad token). */
export async function signIn(raw) {
  const t = cleanToken(raw);
  if (!t) { const e = new Error('empty token'); e.status = 401; e.code = 'unauthorized'; throw e; }
  const who = await me(t);
  sessionStorage.setItem(KEY, t);
  current = who;
  notify('signed_in');
  return who;
}

/** After a reload: the stored token's account again; a token the server no longer takes signs out ('expired'). */
export async function restore() {
  const t = token();
  if (!t) return null;
  try {
    current = await me(t);
  } catch (e) {
    if (e.status === 401) { signOut('expired'); return null; }
    throw e;
  }
  notify('restored');
  return current;
}

export function signOut(reason = 'signed_out') {
  sessionStorage.removeItem(KEY);
  current = null;
  notify(reason);
}

/**
 * A 401 answer to a request that carried {@code sentToken}: if that is still the session's token it
 * has stopped working and the page signs out; answers to requests made before a sign-in or sign-out
 * are stale and ignored. Returns true when an anonymous read was refused (the server wants a sign-in).
 */
export function unauthorized(sentToken) {
  if (sentToken && sentToken === token()) { signOut('expired'); return false; }
  return !sentToken && !token();
}

function notify(reason) { listeners.forEach((fn) => fn(current, reason)); }
