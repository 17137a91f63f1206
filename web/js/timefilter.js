// Time filter on updated_at (更新时间): from and to dates, sent as the OGC `datetime` interval
// (2025-01-01/2025-06-30, an open end as ..) with the other filters, so the map, the lists and
// the statistics select the same points; kept in the link as #updated=….
import { t, addTexts } from './i18n.js';

addTexts({
  zh: { tf_legend: '更新时间', tf_from: '起', tf_to: '止', tf_invalid: '起始日期晚于截止日期' },
  en: { tf_legend: 'Updated', tf_from: 'From', tf_to: 'To', tf_invalid: 'The start date is after the end date' },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const range = { from: '', to: '' };

/** Reads #updated=from/to (either end may be ..). */
export function readTimeHash(h) {
  const [from = '', to = ''] = (h.get('updated') || '').split('/');
  range.from = DATE.test(from) ? from : '';
  range.to = DATE.test(to) ? to : '';
}
export function writeTimeHash(h) {
  const v = datetimeParam();
  if (v) h.set('updated', v);
}
/** The `datetime` value for the API, or '' when no end is set. */
export function datetimeParam() {
  if (!range.from && !range.to) return '';
  return `${range.from || '..'}/${range.to || '..'}`;
}
export function clearTime() { range.from = ''; range.to = ''; }

/** Binds the two date inputs; {@code onChange} runs the page's filtersChanged. */
export function initTimeFilter({ from, to, error, onChange }) {
  const write = () => { from.value = range.from; to.value = range.to; error.hidden = true; };
  const read = () => {
    const f = from.value; const u = to.value;
    const bad = f && u && f > u;
    error.hidden = !bad;
    from.setAttribute('aria-invalid', String(!!bad));
    if (bad) { error.textContent = t('tf_invalid'); return; }
    range.from = DATE.test(f) ? f : ''; range.to = DATE.test(u) ? u : '';
    onChange();
  };
  from.addEventListener('change', read);
  to.addEventListener('change', read);
  write();
  return { write };
}
