// Draws the app icon (public/icon.svg's design: barcode bars with a red scan line on blue) as PNGs
// for launchers that do not take SVG. Pure Node: the shapes are rectangles, so no renderer is needed.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const BLUE = [0x0b, 0x5c, 0xad];
const WHITE = [0xff, 0xff, 0xff];
const RED = [0xff, 0x3b, 0x30];
// [x, width] of the bars in a 512 grid, as in icon.svg.
const BARS = [
  [112, 24],
  [152, 12],
  [180, 36],
  [232, 12],
  [260, 24],
  [300, 12],
  [328, 36],
  [380, 20],
];

function colourAt(x, y) {
  if (y >= 248 && y < 264 && x >= 88 && x < 424) return RED;
  if (y >= 136 && y < 376 && BARS.some(([bx, w]) => x >= bx && x < bx + w)) return WHITE;
  return BLUE;
}

/** Full-bleed (maskable icons are cropped to a circle by the launcher, so no transparent corners). */
function draw(size) {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const c = colourAt(((x + 0.5) * 512) / size, ((y + 0.5) * 512) / size);
      raw.set(c, y * (size * 3 + 1) + 1 + x * 3);
    }
  }
  return png(size, size, raw);
}

function png(width, height, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
for (const size of [192, 512]) writeFileSync(join(publicDir, `icon-${size}.png`), draw(size));
