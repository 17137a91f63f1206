// Coordinates under the cursor: latitude and longitude on WGS-84, in decimal degrees or in
// degrees, minutes and seconds (the button switches; the choice is remembered).
import { t, addTexts } from './i18n.js';

addTexts({
  zh: { co_dms: '度分秒', co_decimal: '十进制度', co_switch: '切换坐标格式', co_none: '移动鼠标查看坐标' },
  en: { co_dms: 'DMS', co_decimal: 'Decimal', co_switch: 'Switch the coordinate format', co_none: 'Move the pointer for coordinates' },
});

const STORAGE_KEY = 'riskmap.coords';

function dms(value, pos, neg) {
  const hemi = value < 0 ? neg : pos;
  let s = Math.round(Math.abs(value) * 36000) / 10; // tenths of a second
  const d = Math.floor(s / 3600); s -= d * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return `${d}°${String(m).padStart(2, '0')}′${s.toFixed(1).padStart(4, '0')}″${hemi}`;
}

/** The text for a position: "30.80000°N 108.40000°E" or "30°48′00.0″N 108°24′00.0″E". */
export function formatLatLng(latlng, format) {
  const lng = ((latlng.lng + 540) % 360) - 180; // a world copy east or west of the first
  if (format === 'dms') return `${dms(latlng.lat, 'N', 'S')} ${dms(lng, 'E', 'W')}`;
  const deg = (v, pos, neg) => `${Math.abs(v).toFixed(5)}°${v < 0 ? neg : pos}`;
  return `${deg(latlng.lat, 'N', 'S')} ${deg(lng, 'E', 'W')}`;
}

export function initCoords({ map }) {
  let format = localStorage.getItem(STORAGE_KEY) === 'dms' ? 'dms' : 'decimal';
  let last = null;
  const box = L.DomUtil.create('div', 'rm-coords');
  box.innerHTML = '<span id="cursor-coords" aria-live="off"></span> <span class="muted">WGS-84</span> <button type="button" id="coords-format"></button>';
  const control = L.control({ position: 'bottomleft' });
  control.onAdd = () => box;
  control.addTo(map);
  L.DomEvent.disableClickPropagation(box);
  const text = box.querySelector('#cursor-coords'); const button = box.querySelector('#coords-format');

  function render() {
    text.textContent = last ? formatLatLng(last, format) : t('co_none');
    button.textContent = t(format === 'dms' ? 'co_decimal' : 'co_dms');
    button.title = t('co_switch');
    button.setAttribute('aria-label', `${t('co_switch')}: ${button.textContent}`);
  }
  map.on('mousemove', (e) => { last = e.latlng; render(); });
  button.addEventListener('click', () => {
    format = format === 'dms' ? 'decimal' : 'dms';
    localStorage.setItem(STORAGE_KEY, format);
    render();
  });
  render();
  return { rerender: render };
}
