// Site settings for the map page, read before the page starts. Every key is optional.
// A link can also override the base map for one visit: ?tiles=<URL template> or ?tiles=offline.
window.RISKMAP_CONFIG = Object.assign({
  // Base-map raster tiles ({z}/{x}/{y}, optional {s}); e.g. an intranet tile server:
  //   tileUrl: 'http://tiles.example.gov.cn/{z}/{x}/{y}.png',
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  tileAttribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  tileSubdomains: 'abc',
  tileMaxZoom: 19,
  // How long to wait for the first base-map tile before switching to the offline outlines.
  tileProbeTimeoutMs: 4000,
  // Starting view when the link has none: centre [lat, lon] and zoom (China).
  center: [34.5, 105.0],
  zoom: 4,
}, window.RISKMAP_CONFIG || {});
