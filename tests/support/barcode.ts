import { readFile } from 'node:fs/promises';
import zxing from '@zxing/library';
import { PNG } from 'pngjs';

// A CommonJS package: its names are read from the default export so this runs under Node and vitest alike.
const { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } = zxing;

/**
 * Reads the Code 128 barcode in a picture (a PNG of a printed page, from pdftoppm) the way a
 * scanner would, with ZXing; rejects when there is none it can read.
 */
export async function decodeCode128(pngFile: string): Promise<string> {
  const png = PNG.sync.read(await readFile(pngFile));
  const luminance = new Uint8ClampedArray(png.width * png.height);
  for (let i = 0; i < luminance.length; i++) {
    const [r, g, b, a] = [png.data[i * 4]!, png.data[i * 4 + 1]!, png.data[i * 4 + 2]!, png.data[i * 4 + 3]!];
    // Transparent is paper.
    luminance[i] = a === 0 ? 255 : Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  const reader = new MultiFormatReader();
  const hints = new Map<zxing.DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  reader.setHints(hints);
  return reader.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, png.width, png.height)))).getText();
}
