// Small pictures made in memory for the tests: a PNG encoder of a few lines (zlib only).
import { crc32, deflateSync } from 'node:zlib';

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG of `width` x `height`; `colour(x, y)` gives [r, g, b, a]. */
export function png(width, height, colour) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    for (let x = 0; x < width; x++) rows.set(colour(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A warm diagonal gradient with a light disc: looks like something in a screenshot. */
export function samplePicture(width = 256, height = 256, hue = 0) {
  return png(width, height, (x, y) => {
    const t = (x + y) / (width + height);
    const dx = x - width * 0.62;
    const dy = y - height * 0.38;
    const disc = dx * dx + dy * dy < (Math.min(width, height) * 0.18) ** 2;
    if (disc) return [255, 244, 214, 255];
    const r = hue ? 40 + 60 * t : 230 - 80 * t;
    const g = hue ? 110 + 90 * t : 120 - 40 * t;
    const b = hue ? 200 - 40 * t : 60 + 120 * t;
    return [r, g, b, 255];
  });
}
