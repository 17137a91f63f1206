// 南海诸岛 inset: on national views of China a small box in the lower right shows the South China
// Sea islands at a fixed small scale, as standard Chinese maps do; hidden once the view is
// zoomed in. Islands: 三沙市 from the county outlines (web/data/nanhai-islands.geojson).
import { t, addTexts } from './i18n.js';
import { provinceOutlines } from './basemap.js';

addTexts({ zh: { inset_nanhai: '南海诸岛' }, en: { inset_nanhai: 'South China Sea Islands' } });

const CHINA = L.latLngBounds([18, 73.5], [53.5, 135]);
const INSET_VIEW = L.latLngBounds([3, 106.5], [24.5, 123.5]); // the islands area, as in the inset of standard maps
/** Share of China's extent the view must cover for the inset to show. */
const SHOWN_FROM = 0.5;

function overlapShare(view, area) {
  const w = Math.min(view.getEast(), area.getEast()) - Math.max(view.getWest(), area.getWest());
  const h = Math.min(view.getNorth(), area.getNorth()) - Math.max(view.getSouth(), area.getSouth());
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / ((area.getEast() - area.getWest()) * (area.getNorth() - area.getSouth()));
}

export function initNanhaiInset({ map }) {
  const box = L.DomUtil.create('figure', 'rm-nanhai-inset');
  box.id = 'nanhai-inset';
  box.setAttribute('aria-label', t('inset_nanhai'));
  const mapDiv = L.DomUtil.create('div', 'rm-nanhai-map', box);
  const caption = L.DomUtil.create('figcaption', '', box);
  caption.dataset.i18n = 'inset_nanhai';
  caption.textContent = t('inset_nanhai');
  const control = L.control({ position: 'bottomright' });
  control.onAdd = () => box;
  control.addTo(map);
  L.DomEvent.disableClickPropagation(box);
  L.DomEvent.disableScrollPropagation(box);

  let inset = null;
  function build() {
    inset = L.map(mapDiv, {
      attributionControl: false, zoomControl: false, dragging: false, scrollWheelZoom: false, doubleClickZoom: false,
      boxZoom: false, keyboard: false, touchZoom: false, zoomSnap: 0, inertia: false,
    });
    inset.fitBounds(INSET_VIEW, { padding: [0, 0] });
    provinceOutlines().then((gj) => L.geoJSON(gj, {
      interactive: false, style: { color: '#8d7f6a', weight: 0.6, fillColor: '#f7f3e8', fillOpacity: 1 },
    }).addTo(inset));
    fetch('data/nanhai-islands.geojson').then((r) => r.json()).then((gj) => {
      // each island is smaller than a pixel at this scale: a dot marks it, the outline is drawn too
      L.geoJSON(gj, { interactive: false, style: { color: '#5d4d37', weight: 0.8, fillOpacity: 1 } }).addTo(inset);
      for (const f of gj.features) {
        const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        for (const p of parts) {
          const ring = p[0];
          const lon = ring.reduce((s, c) => s + c[0], 0) / ring.length; const lat = ring.reduce((s, c) => s + c[1], 0) / ring.length;
          L.circleMarker([lat, lon], { radius: 1, weight: 0, fillColor: '#5d4d37', fillOpacity: 1, interactive: false, className: 'rm-nanhai-island' }).addTo(inset);
        }
      }
    });
  }

  function update() {
    const shown = overlapShare(map.getBounds(), CHINA) >= SHOWN_FROM;
    box.hidden = !shown;
    if (shown && !inset) build();
    if (shown && inset) inset.invalidateSize({ pan: false });
  }
  map.on('moveend zoomend resize', update);
  update();
  return { rerender() { caption.textContent = t('inset_nanhai'); box.setAttribute('aria-label', t('inset_nanhai')); }, shown: () => !box.hidden };
}
