// Site settings for the map page, read before the page starts. Every key is optional.
// Base maps are configured on the server (setting base_maps, see the README's "Map page" section);
// a link can override the base map for one visit: ?tiles=<URL template> or ?tiles=offline.
window.RISKMAP_CONFIG = Object.assign({
  // Starting view when the link has none: centre [lat, lon] and zoom (China).
  center: [34.5, 105.0],
  zoom: 4,
}, window.RISKMAP_CONFIG || {});
