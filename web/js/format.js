// Small text helpers shared by the page's modules: HTML escaping, times and warning levels in the
// page's language.
import { t, getLang } from './i18n.js';

/** Text made safe for innerHTML. */
export function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** An ISO time in the reader's time zone and language; '—' for none. */
export function formatTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso)
    : d.toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

/** A warning level (1–4) in words, e.g. 红色预警（Ⅰ级）: never the colour alone. */
export function levelLabel(level) {
  const key = 'warn_level_' + level;
  return t(key) === key ? String(level) : t(key);
}

/** A moment as local "YYYY-MM-DD HH:mm" (the same in both languages: a printed map's date must not be ambiguous). */
export function localDateTime(d = new Date()) {
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
