import { PNG } from 'pngjs';

/** A logo-like picture as a PNG, base64: a solid dark-red block with a white bar through it, on a clear ground. */
export function logoPng(width = 600, height = 150): string {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const inBlock = x < width * 0.4;
      const bar = inBlock && Math.abs(y - height / 2) < height / 10;
      png.data[i] = bar ? 255 : 170;
      png.data[i + 1] = bar ? 255 : 0;
      png.data[i + 2] = bar ? 255 : 0;
      png.data[i + 3] = inBlock ? 255 : 0;
    }
  }
  return PNG.sync.write(png).toString('base64');
}
