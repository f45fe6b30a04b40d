// The one PNG encoder of the build scripts, read back by an independent decoder (sharp/libvips):
// size, channels and every pixel survive.
import sharp from "sharp";
import { expect, it } from "vitest";
// @ts-expect-error: a build script in plain JavaScript, without type declarations.
import { encodePng } from "../scripts/pngEncode.mjs";

it("encodes RGBA pixels that an independent decoder reads back exactly", async () => {
  const width = 7;
  const height = 5;
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 37 + 11) % 256;
  const png: Buffer = encodePng(width, height, rgba);
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  expect(info).toMatchObject({ width, height, channels: 4 });
  expect(Buffer.compare(data, rgba)).toBe(0);
});
