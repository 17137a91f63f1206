// Gives each county outline its GB/T 2260 code (areas.csv), splits the outlines into one file per
// province, and writes the South China Sea islands (三沙市) apart for the map's inset.
const fs = require('fs');
const [,, countiesFile, provincesFile, areasCsv, outDir] = process.argv;
const counties = JSON.parse(fs.readFileSync(countiesFile, 'utf8')).features;
const provinces = JSON.parse(fs.readFileSync(provincesFile, 'utf8')).features;
const areas = fs.readFileSync(areasCsv, 'utf8').trim().split('\n').slice(1)
  .map(l => l.replace(/"/g, '').split(',')).map(([code, name, , prov]) => ({ code, name, prov }));
function inRing(pt, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > pt[1]) !== (yj > pt[1]) && pt[0] < (xj - xi) * (pt[1] - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function polygons(g) { return g.type === 'Polygon' ? [g.coordinates] : g.coordinates; }
function contains(g, pt) { return polygons(g).some(p => inRing(pt, p[0]) && !p.slice(1).some(h => inRing(pt, h))); }
function provinceAt(pt) { const p = provinces.find(f => contains(f.geometry, pt)); return p && String(p.properties.code); }
function bboxCentre(g) {
  const ring = polygons(g).map(p => p[0]).sort((a, b) => b.length - a.length)[0];
  const xs = ring.map(c => c[0]), ys = ring.map(c => c[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}
const stem = name => name.replace(/(自治县|自治旗|县|区|市|旗)$/, '');
/** The county of areas.csv with this name (or the same name before a change of kind, 梁平县 → 梁平区). */
function areaOf(name, prov) {
  for (const same of [a => a.name === name, a => stem(a.name) === stem(name)]) {
    let found = areas.filter(same);
    if (prov) found = found.filter(a => a.prov === prov);
    if (found.length === 1) return found[0];
  }
  return null;
}
// The province of a source file (one file per city) is the one most of its counties lie in.
const votes = {};
for (const f of counties) {
  const p = provinceAt(f.properties.label || bboxCentre(f.geometry));
  if (p) (votes[f.properties.file] = votes[f.properties.file] || []).push(p);
}
const fileProvince = file => {
  const v = votes[file] || []; const count = {};
  v.forEach(p => { count[p] = (count[p] || 0) + 1; });
  return Object.keys(count).sort((a, b) => count[b] - count[a])[0];
};
const byProvince = {}, seen = new Set(), islands = []; let unmatched = 0;
for (const f of counties) {
  const label = f.properties.label || bboxCentre(f.geometry);
  const prov0 = provinceAt(label) || fileProvince(f.properties.file);
  const area = areaOf(f.properties.name, prov0);
  const code = area ? area.code : null;
  const name = area ? area.name : f.properties.name; // the current official name where the county is matched
  const islandCity = f.properties.name === '三沙市'; // its label point is at sea, in no province outline
  const prov = code ? code.slice(0, 2) : islandCity ? '46' : prov0;
  if (!code) unmatched++;
  const key = (code || name) + prov;
  if (!prov || seen.has(key)) continue; // a county listed under two cities is kept once
  seen.add(key);
  const out = { type: 'Feature', properties: { code, name, label: label.map(v => Math.round(v * 1e4) / 1e4) },
    geometry: f.geometry };
  (byProvince[prov] = byProvince[prov] || []).push(out);
  if (islandCity) islands.push(out);
}
fs.mkdirSync(`${outDir}/counties`, { recursive: true });
for (const [prov, features] of Object.entries(byProvince)) {
  fs.writeFileSync(`${outDir}/counties/${prov}.geojson`, JSON.stringify({ type: 'FeatureCollection', features }));
}
fs.writeFileSync(`${outDir}/nanhai-islands.geojson`, JSON.stringify({ type: 'FeatureCollection', features: islands }));
console.log(`${seen.size} counties in ${Object.keys(byProvince).length} provinces; ${unmatched} without a code`);
