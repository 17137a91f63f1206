// The one source of the map's symbols: risk-level colours, category shapes and the level number
// inside every point, used alike by the tile markers, the aggregation cells, the result markers,
// the legend, the category toggles and the popups' level badges (through CSS variables), so the
// legend can never say something the map does not draw.
//
// Level is shown twice: by colour (蓝 黄 橙 红, the order of Chinese risk and warning levels)
// and by the level number inside the symbol, which also grows with the level. The four colours
// differ in lightness, so they stay apart under red-green colour blindness (deuteranopia): orange
// is a mid tone, red a dark one.

export const LEVEL_COLORS = { 1: '#1e6fd9', 2: '#ffe000', 3: '#d96500', 4: '#7f1010' };
/** The level number's colour on each level's fill: dark on yellow, white elsewhere. */
const LEVEL_TEXT = { 1: '#fff', 2: '#222', 3: '#000', 4: '#fff' }; // 4.5:1 or more on each level's colour
const UNKNOWN = '#777';
/** Category toggles and the legend's shapes, whose colour is the level's: a neutral grey. */
export const NEUTRAL = '#7a8794';
export const SHELTER_COLOR = '#2e7d32';
export const LEVELS = [1, 2, 3, 4];

/** Outline of each category's shape around (0, 0) for radius 1: a polygon's corners, or 'circle'. */
const SHAPES = {
  landslide: [[0, -1.15], [1.05, 0.75], [-1.05, 0.75]], // ▲
  flood: 'circle', // ●
  forest_fire: [[0, -1.2], [1, 0], [0, 1.2], [-1, 0]], // ◆
  other: [[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]], // ■
};
const shapeOf = (category) => SHAPES[category] || SHAPES.other;
/** Where the number sits in a shape (a triangle's centre is low). */
const labelDy = (category) => (category === 'landslide' ? 0.2 : 0);

export const levelColor = (level) => LEVEL_COLORS[level] || UNKNOWN;

/** Radius in screen pixels of a single point of {@code level}: room for its number, larger when more severe. */
export const pointRadius = (level) => 4.5 + 1.2 * (LEVEL_COLORS[level] ? level : 1);

function tracePath(ctx, shape, x, y, r) {
  ctx.beginPath();
  if (shape === 'circle') { ctx.arc(x, y, r, 0, 2 * Math.PI); return; }
  shape.forEach(([dx, dy], i) => (i ? ctx.lineTo(x + dx * r, y + dy * r) : ctx.moveTo(x + dx * r, y + dy * r)));
  ctx.closePath();
}

/** One hazard point on a canvas: its category's shape, its level's colour and its level's number. */
export function drawPoint(ctx, category, level, x, y) {
  const r = pointRadius(level);
  tracePath(ctx, shapeOf(category), x, y, r);
  ctx.fillStyle = levelColor(level); ctx.fill();
  ctx.lineWidth = 1.2; ctx.strokeStyle = '#fff'; ctx.stroke();
  if (!LEVEL_COLORS[level]) return;
  ctx.fillStyle = LEVEL_TEXT[level];
  ctx.font = 'bold 9px sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
  ctx.fillText(String(level), x, y + 0.5 + labelDy(category) * r);
}

export const cellRadius = (count) => Math.min(16, 6 + 3 * Math.log10(count + 1));

/** An aggregation cell: a circle in the colour of its most severe level, with the number of points. */
export function drawCell(ctx, count, maxLevel, x, y) {
  const r = cellRadius(count);
  ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fillStyle = levelColor(maxLevel); ctx.globalAlpha = 0.85; ctx.fill(); ctx.globalAlpha = 1;
  ctx.lineWidth = 1.5; ctx.strokeStyle = '#fff'; ctx.stroke();
  ctx.fillStyle = LEVEL_TEXT[maxLevel] || '#fff';
  ctx.font = `bold ${r > 11 ? 11 : 9}px sans-serif`; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
  ctx.fillText(count >= 10000 ? Math.round(count / 1000) + 'k' : String(count), x, y + 0.5);
}

/**
 * The same symbol as inline SVG for the legend and the toggles: {@code level} null draws the
 * category's shape in neutral grey without a number.
 */
export function symbolSvg(category, level = null) {
  const r = level ? pointRadius(level) : 6;
  const size = Math.ceil(2 * r * 1.25) + 2; const c = size / 2;
  const shape = shapeOf(category);
  const fill = level ? levelColor(level) : NEUTRAL;
  const outline = shape === 'circle' ? `<circle cx="${c}" cy="${c}" r="${r}"` : `<polygon points="${shape.map(([dx, dy]) => `${(c + dx * r).toFixed(2)},${(c + dy * r).toFixed(2)}`).join(' ')}"`;
  const number = level ? `<text x="${c}" y="${(c + 0.5 + labelDy(category) * r).toFixed(2)}" fill="${LEVEL_TEXT[level]}" font-size="9" font-weight="bold" text-anchor="middle" dominant-baseline="middle" font-family="sans-serif">${level}</text>` : '';
  return `<svg class="rm-symbol" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-hidden="true" data-level="${level ?? ''}">${outline} class="rm-symbol-fill" fill="${fill}" stroke="#fff" stroke-width="1.2"/>${number}</svg>`;
}

/** Gives the stylesheet the level colours (--rm-level-1 … 4) for the badges in popups, lists and results. */
export function applyLevelColors(root = document.documentElement) {
  for (const l of LEVELS) {
    root.style.setProperty(`--rm-level-${l}`, LEVEL_COLORS[l]);
    root.style.setProperty(`--rm-level-${l}-text`, LEVEL_TEXT[l]);
  }
}
