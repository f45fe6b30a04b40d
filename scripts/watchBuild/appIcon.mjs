// The app icon of both watch apps, generated as a PNG so the repository holds no binaries.
import { encodePng } from "../pngEncode.mjs";

/** The app icon: an accent disc holding a white progress ring, anti-aliased, transparent corners. */
export function iconPng(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4;
  const centre = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let disc = 0;
      let ring = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const dx = (x + (sx + 0.5) / samples - centre) / size;
          const dy = (y + (sy + 0.5) / samples - centre) / size;
          const r = Math.hypot(dx, dy);
          // The ring is open at the top right, like a timer running down.
          const open = dx > 0 && dy < 0 && Math.abs(dx) > Math.abs(dy) * 0.2;
          if (r <= 0.47) disc++;
          if (r >= 0.22 && r <= 0.31 && !open) ring++;
        }
      }
      const total = samples * samples;
      const white = ring / total;
      const o = (y * size + x) * 4;
      rgba[o] = Math.round(0xff * (1 - white) + 0xff * white);
      rgba[o + 1] = Math.round(0x6a * (1 - white) + 0xff * white);
      rgba[o + 2] = Math.round(0x00 * (1 - white) + 0xff * white);
      rgba[o + 3] = Math.round((0xff * disc) / total);
    }
  }
  return encodePng(size, size, rgba);
}
