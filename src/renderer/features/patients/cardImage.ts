import { MAX_DOCUMENT_BYTES, MAX_IMAGE_SIDE } from '../../../shared/patients/document';

export class ImageError extends Error {}

/** Files larger than this are refused before decoding: no phone photo of a card needs more. */
const MAX_INPUT_BYTES = 25 * 1024 * 1024;

/**
 * Shrinks a photo or scan of a card to at most MAX_IMAGE_SIDE pixels on its longest side and
 * re-encodes it as JPEG, lowering the quality until it fits MAX_DOCUMENT_BYTES. Re-encoding also
 * drops whatever else the file carried (location, camera data).
 */
export async function compressImage(file: Blob): Promise<{ bytes: Uint8Array; width: number; height: number; contentType: 'image/jpeg' }> {
  if (file.size === 0) throw new ImageError('The file is empty.');
  if (file.size > MAX_INPUT_BYTES) throw new ImageError('The file is larger than 25 MB. Take a smaller photo or scan.');
  if (file.type && !file.type.startsWith('image/')) throw new ImageError('Choose a picture file (JPEG, PNG or WebP).');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageError('This file could not be read as a picture.');
  }
  try {
    const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new ImageError('This computer could not prepare the picture.');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    for (const quality of [0.85, 0.75, 0.65, 0.5, 0.4]) {
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      if (blob.size <= MAX_DOCUMENT_BYTES) return { bytes: new Uint8Array(await blob.arrayBuffer()), width, height, contentType: 'image/jpeg' };
    }
    throw new ImageError('The picture is still too large after compression. Crop it to the card and try again.');
  } finally {
    bitmap.close();
  }
}
