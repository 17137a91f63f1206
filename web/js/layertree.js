// Layer tree (图层): hazard points by category under one group checkbox, the thematic layers,
// and the base map with its labels. The state lives in the link (cat=, zones=0, shelters=0,
// base=, labels=0) through the page's hash.
import { addTexts } from './i18n.js';

addTexts({ zh: { lt_thematic: '专题图层' }, en: { lt_thematic: 'Thematic layers' } });

/** {@code group} is the hazards group checkbox; it turns every category on or off. */
export function initLayerTree({ group, categoriesBox, state, onChange }) {
  function refresh() {
    const on = state.categories.filter((c) => state.enabled.has(c)).length;
    group.checked = on === state.categories.length;
    group.indeterminate = on > 0 && on < state.categories.length;
  }
  group.addEventListener('change', () => {
    state.enabled = group.checked ? new Set(state.categories) : new Set();
    onChange();
  });
  categoriesBox.addEventListener('change', refresh);
  refresh();
  return { refresh };
}
