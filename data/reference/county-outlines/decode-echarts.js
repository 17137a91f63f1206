// Decodes echarts' UTF8Encoding GeoJSON (zigzag/delta, scale 1024) into plain GeoJSON.
const fs = require('fs');
const path = require('path');
function decodeRing(s, offsets, scale) {
  const out = []; let px = offsets[0], py = offsets[1];
  for (let i = 0; i < s.length; i += 2) {
    let x = s.charCodeAt(i) - 64, y = s.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ (-(x & 1)); y = (y >> 1) ^ (-(y & 1));
    x += px; y += py; px = x; py = y;
    out.push([x / scale, y / scale]);
  }
  return out;
}
function decodeGeometry(g, scale) {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i], scale)) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p, j) => p.map((r, i) => decodeRing(r, g.encodeOffsets[j][i], scale))) };
}
const dir = process.argv[2];
const features = [];
for (const file of fs.readdirSync(dir).sort()) {
  const d = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const scale = d.UTF8Scale || 1024;
  for (const f of d.features) {
    features.push({ type: 'Feature', properties: { name: f.properties.name, label: f.properties.cp, file: file },
      geometry: d.UTF8Encoding ? decodeGeometry(f.geometry, scale) : f.geometry });
  }
}
fs.writeFileSync(process.argv[3], JSON.stringify({ type: 'FeatureCollection', features }));
console.log(features.length, 'features');
