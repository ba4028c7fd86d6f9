// Draws brands/sample-logo.png, the sample brand's logo for previews (Storybook, Mailpit): the
// word ACME in white on a rounded violet bar, 240×64 (shown at 120×32, sharp on 2× screens).
// Run: node scripts/make-sample-logo.mjs. A PNG needs only zlib and a CRC; no image tool required.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const width = 240;
const height = 64;
const violet = [0x5d, 0x34, 0xf2];
const white = [0xff, 0xff, 0xff];

/** Distance from (x, y) to the segment a–b. */
function toSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

const stroke = 4.2;
const top = 16,
  bottom = 48,
  mid = 36;
// The letters as strokes (segments) and, for the C, an open ring.
const segments = [
  // A
  [
    [30, bottom],
    [45, top],
  ],
  [
    [45, top],
    [60, bottom],
  ],
  [
    [36, mid],
    [54, mid],
  ],
  // M
  [
    [120, bottom],
    [120, top],
  ],
  [
    [120, top],
    [133, 38],
  ],
  [
    [133, 38],
    [146, top],
  ],
  [
    [146, top],
    [146, bottom],
  ],
  // E
  [
    [166, top],
    [166, bottom],
  ],
  [
    [166, top],
    [190, top],
  ],
  [
    [166, 32],
    [186, 32],
  ],
  [
    [166, bottom],
    [190, bottom],
  ],
];
const ring = { cx: 92, cy: 32, r: 15 };

function inLetter(x, y) {
  if (segments.some(([a, b]) => toSegment(x, y, a, b) <= stroke)) return true;
  const angle = Math.atan2(y - ring.cy, x - ring.cx);
  return Math.abs(Math.hypot(x - ring.cx, y - ring.cy) - ring.r) <= stroke && Math.abs(angle) > 0.75;
}

function inBar(x, y) {
  const radius = 14;
  const cx = Math.max(radius, Math.min(width - radius, x));
  const cy = Math.max(radius, Math.min(height - radius, y));
  return Math.hypot(x - cx, y - cy) <= radius;
}

// RGBA rows, each with PNG filter byte 0; 4×4 samples per pixel for smooth edges.
const raw = Buffer.alloc((width * 4 + 1) * height);
for (let y = 0; y < height; y += 1) {
  raw[y * (width * 4 + 1)] = 0;
  for (let x = 0; x < width; x += 1) {
    let bar = 0,
      letter = 0;
    for (let sy = 0; sy < 4; sy += 1) {
      for (let sx = 0; sx < 4; sx += 1) {
        const px = x + (sx + 0.5) / 4,
          py = y + (sy + 0.5) / 4;
        if (inBar(px, py)) {
          bar += 1;
          if (inLetter(px, py)) letter += 1;
        }
      }
    }
    const share = bar ? letter / bar : 0;
    const offset = y * (width * 4 + 1) + 1 + x * 4;
    for (let c = 0; c < 3; c += 1) raw[offset + c] = Math.round(violet[c] + (white[c] - violet[c]) * share);
    raw[offset + 3] = Math.round((bar / 16) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(width, 0);
header.writeUInt32BE(height, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('../brands/sample-logo.png', import.meta.url);
writeFileSync(out, png);
console.log(`wrote brands/sample-logo.png (${png.length} bytes)`);
