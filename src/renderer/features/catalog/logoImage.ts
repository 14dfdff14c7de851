import { LOGO_MAX_HEIGHT_PX, LOGO_MAX_WIDTH_PX, LOGO_MIN_SIDE_PX, LogoPngSchema, MAX_LOGO_BASE64 } from '../../../shared/catalog/formLogo';

export class LogoError extends Error {}

/** Files larger than this are refused before decoding: no logo needs more. */
const MAX_INPUT_BYTES = 10 * 1024 * 1024;
/** Pictures of more pixels than this are refused before they are drawn (a small file can open to a huge picture). */
const MAX_INPUT_PIXELS = 40_000_000;

/** A pixel counts as margin when it is (nearly) transparent or (nearly) white. */
function isMargin(data: Uint8ClampedArray, i: number): boolean {
  return data[i + 3]! < 16 || (data[i]! > 245 && data[i + 1]! > 245 && data[i + 2]! > 245);
}

/** The part of the picture that is not margin, or null when all of it is. */
function contentBox(data: Uint8ClampedArray, width: number, height: number): { x: number; y: number; width: number; height: number } | null {
  let top = height;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (isMargin(data, (y * width + x) * 4)) continue;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      if (x < left) left = x;
      if (x > right) right = x;
    }
  }
  return bottom < 0 ? null : { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * Makes a picture file into the logo the forms print: the empty or white margin around it cut
 * off, shrunk to fit LOGO_MAX_WIDTH_PX × LOGO_MAX_HEIGHT_PX (never enlarged), and re-encoded as
 * PNG (which drops whatever else the file carried), smaller again until it fits the catalog.
 */
export async function prepareLogo(file: Blob): Promise<{ png: string; width: number; height: number }> {
  if (file.size === 0) throw new LogoError('The file is empty.');
  if (file.size > MAX_INPUT_BYTES) throw new LogoError('The file is larger than 10 MB. Use the logo file itself, not a photo of it.');
  if (file.type && !file.type.startsWith('image/')) throw new LogoError('Choose a picture file (PNG, JPEG or WebP).');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new LogoError('This file could not be read as a picture (use PNG, JPEG or WebP).');
  }
  try {
    if (bitmap.width * bitmap.height > MAX_INPUT_PIXELS) throw new LogoError(`The picture is ${bitmap.width.toLocaleString('en-US')} × ${bitmap.height.toLocaleString('en-US')} pixels, more than a logo needs. Use the logo file itself.`);
    const full = new OffscreenCanvas(bitmap.width, bitmap.height);
    const fullContext = full.getContext('2d', { willReadFrequently: true });
    if (!fullContext) throw new LogoError('This computer could not prepare the picture.');
    fullContext.drawImage(bitmap, 0, 0);
    const box = contentBox(fullContext.getImageData(0, 0, bitmap.width, bitmap.height).data, bitmap.width, bitmap.height);
    if (!box) throw new LogoError('The picture is blank: there is nothing but white or transparent in it.');
    let scale = Math.min(1, LOGO_MAX_WIDTH_PX / box.width, LOGO_MAX_HEIGHT_PX / box.height);
    if (Math.round(box.width * scale) < LOGO_MIN_SIDE_PX || Math.round(box.height * scale) < LOGO_MIN_SIDE_PX) {
      throw new LogoError(
        box.width < LOGO_MIN_SIDE_PX || box.height < LOGO_MIN_SIDE_PX
          ? `The picture is too small to print (${box.width} × ${box.height} pixels once its margin is cut off).`
          : `The picture is too ${box.width > box.height ? 'wide for its height' : 'tall for its width'} to print as a logo (${box.width} × ${box.height} pixels once its margin is cut off).`,
      );
    }
    for (let attempt = 0; attempt < 8; attempt++, scale *= 0.75) {
      const width = Math.round(box.width * scale);
      const height = Math.round(box.height * scale);
      if (width < LOGO_MIN_SIDE_PX || height < LOGO_MIN_SIDE_PX) break;
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (!context) throw new LogoError('This computer could not prepare the picture.');
      context.imageSmoothingQuality = 'high';
      context.drawImage(full, box.x, box.y, box.width, box.height, 0, 0, width, height);
      const png = await blobBase64(await canvas.convertToBlob({ type: 'image/png' }));
      if (png.length <= MAX_LOGO_BASE64 && LogoPngSchema.safeParse(png).success) return { png, width, height };
    }
    throw new LogoError('The picture is too detailed to keep as a logo. Use the logo file itself (a flat picture, not a photo).');
  } finally {
    bitmap.close();
  }
}

async function blobBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
