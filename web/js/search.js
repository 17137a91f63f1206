// The search box of the map page: a region name or code, a hazard point's name or id; a short list
// of suggestions (an ARIA 1.2 combobox with a listbox popup: arrow keys, Enter, Escape) and the
// chosen one handed to the page, which moves the map there.
import { t, categoryName } from './i18n.js';

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 250;
const REGION_LIMIT = 8;
const HAZARD_LIMIT = 5;
/** Looks like a feature id (HP00000367, HZ01): letters then digits, nothing else. */
const FEATURE_ID = /^[A-Za-z]{1,4}[-_]?[0-9]{1,12}$/;
const REGION_CODE = /^[0-9]{2,12}$/;

/**
 * A CQL2 text literal for LIKE matching {@code text} anywhere: the LIKE wildcards % and _ and the
 * escape character \ are escaped with \, and ' is doubled inside the quotes.
 */
export function containsPattern(text) {
  const escaped = text.replace(/[\\%_]/g, (c) => '\\' + c).replace(/'/g, "''");
  return `'%${escaped}%'`;
}

/** Which look-ups a search text asks for. */
export function lookupsFor(text) {
  const q = text.trim();
  if (!q) return { regions: false, hazardId: false, hazardName: false };
  if (REGION_CODE.test(q)) return { regions: true, hazardId: false, hazardName: false };
  if (FEATURE_ID.test(q)) return { regions: false, hazardId: true, hazardName: true };
  return { regions: true, hazardId: false, hazardName: true };
}

/**
 * Fetches the suggestions for {@code text}: regions first, then hazard points. A hazard id that
 * does not exist is simply no suggestion; other failures reject.
 */
export async function suggestionsFor(text, api) {
  const q = text.trim();
  const want = lookupsFor(q);
  const tasks = [
    want.regions ? api(`api/regions?q=${encodeURIComponent(q)}&limit=${REGION_LIMIT}`).then((r) => r.regions.map((region) => ({ kind: 'region', region })))
      : Promise.resolve([]),
    want.hazardId ? api(`api/hazards/${encodeURIComponent(q.toUpperCase())}`).then((f) => [{ kind: 'hazard', feature: f }])
      .catch((e) => { if (e.status === 404) return []; throw e; }) : Promise.resolve([]),
    want.hazardName ? api(`ogc/collections/hazards/items?limit=${HAZARD_LIMIT}&filter=${encodeURIComponent('name LIKE ' + containsPattern(q))}`)
      .then((fc) => fc.features.map((feature) => ({ kind: 'hazard', feature }))) : Promise.resolve([]),
  ];
  const [regions, byId, byName] = await Promise.all(tasks);
  const seen = new Set(byId.map((s) => s.feature.id));
  return [...regions, ...byId, ...byName.filter((s) => !seen.has(s.feature.id))];
}

/**
 * Wires the box. {@code api(path)} → JSON (rejects with the API's error); {@code onPick(suggestion)}
 * moves the map; {@code onError(err)} shows a failed search.
 */
export function initSearch({ api, onPick, onError }) {
  const input = $('search-input');
  const list = $('search-list');
  let shown = { text: null, items: [] }; // the suggestions in the list and the text they answer
  let active = -1;
  let timer = null;
  let seq = 0;
  let pickWhenReady = false; // Enter pressed before the suggestions for the current text arrived

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const setActive = (i) => {
    active = i;
    list.querySelectorAll('[role=option]').forEach((li, n) => li.setAttribute('aria-selected', n === i ? 'true' : 'false'));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', `search-option-${i}`);
      list.children[i].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };

  const pick = (i) => {
    const item = shown.items[i];
    if (!item) return;
    close();
    input.value = labelOf(item);
    shown = { text: input.value, items: [item] };
    onPick(item);
  };

  const render = () => {
    list.replaceChildren(...shown.items.map((item, i) => {
      const li = document.createElement('li');
      li.id = `search-option-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.kind = item.kind;
      li.dataset.key = item.kind === 'region' ? item.region.code : item.feature.id;
      const main = document.createElement('span');
      main.className = 'search-main';
      main.textContent = labelOf(item);
      const sub = document.createElement('span');
      sub.className = 'search-sub';
      sub.textContent = detailOf(item);
      li.append(main, sub);
      // mousedown, not click: the input keeps the focus, so the list is not closed by its blur first
      li.addEventListener('mousedown', (e) => { e.preventDefault(); pick(i); });
      return li;
    }));
    const none = shown.text !== null && shown.items.length === 0;
    $('search-status').textContent = none ? t('search_none') : `${shown.items.length} ${t('search_n')}`;
    $('search-empty').hidden = !none;
    $('search-empty').textContent = none ? t('search_none') : '';
    list.hidden = shown.items.length === 0;
    input.setAttribute('aria-expanded', list.hidden ? 'false' : 'true');
    setActive(-1);
  };

  const run = async () => {
    clearTimeout(timer);
    const text = input.value.trim();
    const mine = ++seq;
    if (!text) { shown = { text: null, items: [] }; render(); return; }
    $('search-status').textContent = t('search_busy');
    try {
      const items = await suggestionsFor(text, api);
      if (mine !== seq) return;
      shown = { text, items };
      render();
      if (pickWhenReady) { pickWhenReady = false; pick(0); }
    } catch (err) {
      if (mine !== seq) return;
      pickWhenReady = false;
      $('search-status').textContent = '';
      onError(err);
    }
  };

  input.addEventListener('input', () => {
    pickWhenReady = false;
    $('search-empty').hidden = true;
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    const n = shown.items.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!n) return;
      e.preventDefault();
      if (list.hidden) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(active < 0 ? (step > 0 ? 0 : n - 1) : (active + step + n) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (shown.text === input.value.trim() && n) pick(active >= 0 ? active : 0);
      else if (input.value.trim()) { pickWhenReady = true; run(); }
    } else if (e.key === 'Escape') {
      if (!list.hidden) close();
      else { input.value = ''; shown = { text: null, items: [] }; $('search-empty').hidden = true; }
    }
  });
  input.addEventListener('blur', () => { close(); $('search-empty').hidden = true; });
  input.addEventListener('focus', () => { if (shown.items.length > 1 && shown.text === input.value.trim()) render(); });
  return { rerender: () => { if (!list.hidden) render(); } };
}

function labelOf(item) {
  return item.kind === 'region' ? item.region.name : (item.feature.properties.name || item.feature.id);
}

/** Region: its path above it and its level; hazard: category and id. */
function detailOf(item) {
  if (item.kind === 'region') {
    const r = item.region;
    const above = (r.path || []).slice(0, -1).join(' › ');
    const level = t('lvl_' + r.level) === 'lvl_' + r.level ? r.level : t('lvl_' + r.level);
    return [above, `${level} ${r.code}`].filter(Boolean).join(' · ');
  }
  const p = item.feature.properties;
  return [categoryName(p.category), p.county, item.feature.id].filter(Boolean).join(' · ');
}
