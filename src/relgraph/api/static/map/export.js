// The map as a file: an SVG drawn from what is on the map now (unit boxes, lines and the cards
// with their names, titles and marks, in the colours the page shows), and a PNG rasterized from
// that SVG (cytoscape's own cy.png() paints only the canvas: the cards are HTML over it).
// Everything happens in the page: nothing is sent anywhere.

import { state } from './state.js';
import { CARD_H, CARD_W, downloadFile, h } from './util.js';

const FONT = 'Liberation Sans, DejaVu Sans, Arial, sans-serif';
const MARGIN = 24;
// A PNG is drawn at twice the map's size, but no side beyond what browsers paint in a canvas.
const PNG_SCALE = 2;
const PNG_MAX_SIDE = 12000;

function esc(text) {
  return String(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const num = (v) => Number(v).toFixed(1);

let measureCtx = null;

// `text` cut with an ellipsis to `width` px at `font` (SVG text does not clip by itself).
function fit(text, font, width) {
  if (!measureCtx) measureCtx = document.createElement('canvas').getContext('2d');
  measureCtx.font = font;
  let t = String(text || '');
  if (measureCtx.measureText(t).width <= width) return t;
  while (t.length > 1 && measureCtx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
  return `${t}…`;
}

function colour(value, fallback) {
  return value && value !== 'rgba(0, 0, 0, 0)' && value !== 'transparent' ? value : fallback;
}

function unitBox(node) {
  const bb = node.boundingBox({ includeLabels: false, includeOverlays: false });
  const opacity = Number(node.style('opacity')) * Number(node.style('background-opacity'));
  const dash = node.style('border-style') === 'dashed' ? ' stroke-dasharray="6 4"' : '';
  const lines = String(node.data('label') || '').split('\n');
  const collapsed = node.hasClass('collapsed');
  const size = Number.parseFloat(node.style('font-size')) || 14;
  const cx = (bb.x1 + bb.x2) / 2;
  const y0 = collapsed ? (bb.y1 + bb.y2) / 2 - ((lines.length - 1) * size * 1.35) / 2 + size / 3 : bb.y1 - 6;
  const text = lines.map((line, i) => `<text x="${num(cx)}" y="${num(y0 + i * size * 1.35)}" `
    + `font-size="${size}" font-weight="${i === 0 ? 'bold' : 'normal'}" text-anchor="middle" `
    + `fill="${esc(node.style('color'))}">${esc(fit(line, `${i === 0 ? 'bold ' : ''}${size}px ${FONT}`, Math.max(40, bb.w + 20)))}</text>`);
  return `<g class="unit" data-id="${esc(node.data('ref') || node.id())}">`
    + `<rect x="${num(bb.x1)}" y="${num(bb.y1)}" width="${num(bb.w)}" height="${num(bb.h)}" rx="6" `
    + `fill="${esc(node.style('background-color'))}" fill-opacity="${num(opacity)}" `
    + `stroke="${esc(node.style('border-color'))}" stroke-width="${esc(Number.parseFloat(node.style('border-width')) || 1)}"${dash}/>`
    + `${text.join('')}</g>`;
}

function edgeLine(edge) {
  const src = edge.sourceEndpoint();
  const tgt = edge.targetEndpoint();
  let d = `M${num(src.x)},${num(src.y)}`;
  const curve = edge.style('curve-style');
  const bends = curve === 'bezier' ? edge.controlPoints() : (curve === 'taxi' || curve === 'segments') ? edge.segmentPoints() : null;
  if (curve === 'bezier' && bends && bends.length) {
    d += ` Q${num(bends[0].x)},${num(bends[0].y)} ${num(tgt.x)},${num(tgt.y)}`;
  } else {
    for (const p of bends || []) d += ` L${num(p.x)},${num(p.y)}`;
    d += ` L${num(tgt.x)},${num(tgt.y)}`;
  }
  const style = edge.style('line-style');
  const dash = style === 'dashed' ? ' stroke-dasharray="7 4"' : style === 'dotted' ? ' stroke-dasharray="2 3"' : '';
  const stroke = esc(edge.style('line-color'));
  const arrow = edge.style('target-arrow-shape') !== 'none' ? ` marker-end="url(#arrow-${edge.hasClass('path-edge') ? 'path' : 'influence'})"` : '';
  const label = edge.data('label');
  const mid = edge.midpoint();
  return `<path d="${d}" fill="none" stroke="${stroke}" stroke-width="${num(Number.parseFloat(edge.style('width')) || 1)}" `
    + `opacity="${num(edge.style('opacity'))}"${dash}${arrow}/>`
    + (label ? `<text x="${num(mid.x)}" y="${num(mid.y + 3)}" font-size="10" text-anchor="middle" fill="${stroke}" `
      + `stroke="#fff" stroke-width="3" paint-order="stroke">${esc(label)}</text>` : '');
}

// A card as the page draws it: its fill, border and text colours read from the card itself.
function card(el) {
  const x = Number.parseFloat(el.style.left);
  const y = Number.parseFloat(el.style.top);
  const css = getComputedStyle(el);
  const fill = colour(css.backgroundColor, '#fff');
  const border = colour(css.borderTopColor, '#829ab1');
  const ink = colour(css.color, '#102a43');
  const dash = css.borderTopStyle === 'dashed' ? ' stroke-dasharray="5 3"' : '';
  const name = el.querySelector('.name') ? el.querySelector('.name').textContent : '';
  const rank = el.querySelector('.rank') ? el.querySelector('.rank').textContent : '';
  const title = el.querySelector('.title') ? el.querySelector('.title').textContent : '';
  // an owner chip is a bold role and initials ("A" "MR"): kept apart as "A MR"
  const marks = [...el.querySelectorAll('.marks .chip')]
    .map((c) => [...c.childNodes].map((n) => n.textContent.trim()).join(' ')).join('  ');
  const gaps = el.querySelector('.gap-dot');
  const gapFill = gaps ? colour(getComputedStyle(gaps).backgroundColor, '#c92a2a') : '';
  const inner = CARD_W - 16;
  // the full name as the group's title: viewers show it on hover, where the text is cut
  return `<g class="card" data-id="${esc(el.dataset.id)}" opacity="${esc(css.opacity)}"><title>${esc(name)}</title>`
    + `<rect x="${num(x)}" y="${num(y)}" width="${CARD_W}" height="${CARD_H}" rx="5" fill="${esc(fill)}" `
    + `stroke="${esc(border)}" stroke-width="${esc(Number.parseFloat(css.borderTopWidth) || 1)}"${dash}/>`
    + `<text x="${num(x + 8)}" y="${num(y + 18)}" font-size="14" font-weight="bold" fill="${esc(ink)}">`
    + `${esc(fit(`${rank ? `${rank} ` : ''}${name}`, `bold 14px ${FONT}`, inner))}</text>`
    + `<text x="${num(x + 8)}" y="${num(y + 34)}" font-size="12" fill="${esc(ink)}">${esc(fit(title, `12px ${FONT}`, inner))}</text>`
    + `<text x="${num(x + 8)}" y="${num(y + 51)}" font-size="11" fill="${esc(ink)}">${esc(fit(marks, `11px ${FONT}`, inner))}</text>`
    + (gaps ? `<circle cx="${num(x + CARD_W - 2)}" cy="${num(y + 2)}" r="9" fill="${esc(gapFill)}"/>`
      + `<text x="${num(x + CARD_W - 2)}" y="${num(y + 6)}" font-size="11" font-weight="bold" text-anchor="middle" fill="#fff">${esc(gaps.textContent)}</text>` : '')
    + '</g>';
}

// The SVG text of the map as it is drawn now (filters, expanded units, a shown path).
export function mapSvg() {
  const cy = state.cy;
  const cards = [...state.overlay.querySelectorAll('.card')];
  const bb = cy.elements().boundingBox({ includeOverlays: false });
  const x0 = bb.x1 - MARGIN;
  const y0 = bb.y1 - MARGIN - 20;
  const w = bb.w + 2 * MARGIN;
  const h0 = bb.h + 2 * MARGIN + 20;
  const units = cy.nodes('.unit, .group').sort((a, b) => a.ancestors().length - b.ancestors().length);
  const title = `${state.map.accountName || state.map.accountId} · power map${state.asOf ? ` as of ${state.asOf}` : ''}`;
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<svg xmlns="http://www.w3.org/2000/svg" width="${num(w)}" height="${num(h0)}" viewBox="${num(x0)} ${num(y0)} ${num(w)} ${num(h0)}" font-family="${FONT}">`
    + `<title>${esc(title)}</title>`
    + '<defs>'
    + '<marker id="arrow-influence" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#7048e8"/></marker>'
    + '<marker id="arrow-path" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#e8590c"/></marker>'
    + '</defs>'
    + `<rect x="${num(x0)}" y="${num(y0)}" width="${num(w)}" height="${num(h0)}" fill="#fff"/>`
    + units.map(unitBox).join('')
    + cy.edges().map(edgeLine).join('')
    + cards.map(card).join('')
    + '</svg>\n';
}

function fileName(ext) {
  const stamp = state.asOf ? `-${state.asOf}` : '';
  return `${state.map.accountId}-power-map${stamp}.${ext}`;
}

export function downloadSvg() {
  if (!state.cy || !state.map) return;
  downloadFile(new Blob([mapSvg()], { type: 'image/svg+xml' }), fileName('svg'));
}

// The SVG drawn into a canvas (as a data: URL, which the page's policy allows for images).
export async function downloadPng() {
  if (!state.cy || !state.map) return;
  const svg = mapSvg();
  const img = new Image();
  const loaded = new Promise((resolve, reject) => { img.onload = resolve; img.onerror = () => reject(new Error('the map image did not render')); });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  const scale = Math.min(PNG_SCALE, PNG_MAX_SIDE / Math.max(img.width, img.height));
  const canvas = h('canvas', { width: String(Math.ceil(img.width * scale)), height: String(Math.ceil(img.height * scale)) });
  const ctx = canvas.getContext('2d');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  downloadFile(blob, fileName('png'));
}
