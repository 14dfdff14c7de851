import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { IdSchema } from '../domain/ids';

/** The largest logo kept: base64 characters of its PNG (about 150 KB of picture). */
export const MAX_LOGO_BASE64 = 200_000;
/** The logo is drawn into at most this many pixels before it is kept (about 600 dpi at the printed size). */
export const LOGO_MAX_WIDTH_PX = 1200;
export const LOGO_MAX_HEIGHT_PX = 400;
/** Smaller than this is not a logo anyone could read on paper. */
export const LOGO_MIN_SIDE_PX = 16;

const PNG_BASE64 = /^iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/;
/** The same check, as the sync server's rules spell it (a logo, or '' for "no logo"). */
export const LOGO_PATTERN = '^(iVBORw0KGgo[A-Za-z0-9+/]*={0,2})?$';

/**
 * The width and height a PNG says it has (its header), or null when the text is not the start of a
 * PNG. Read without decoding the picture, so main and the renderer check a logo the same way.
 */
export function pngSize(base64: string): { width: number; height: number } | null {
  if (!PNG_BASE64.test(base64.slice(0, 44).replace(/=+$/, '')) || base64.length < 44) return null;
  const bytes = base64Bytes(base64.slice(0, 44));
  const at = (i: number) => bytes[i]!;
  const u32 = (i: number) => ((at(i) << 24) | (at(i + 1) << 16) | (at(i + 2) << 8) | at(i + 3)) >>> 0;
  if (String.fromCharCode(...bytes.slice(12, 16)) !== 'IHDR') return null;
  return { width: u32(16), height: u32(20) };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes of whole groups of four base64 characters (the caller checked the alphabet). */
function base64Bytes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= text.length; i += 4) {
    const n = [0, 1, 2, 3].reduce((acc, k) => (acc << 6) | Math.max(0, ALPHABET.indexOf(text[i + k]!)), 0);
    out.push((n >> 16) & 255, (n >> 8) & 255, n & 255);
  }
  return out;
}

/** A PNG logo as it is kept and printed: base64, a real PNG header, within the sizes above. */
export const LogoPngSchema = z
  .string()
  .max(MAX_LOGO_BASE64, 'The logo is too large: use a smaller picture')
  .regex(PNG_BASE64, 'The logo must be a PNG picture')
  .superRefine((png, ctx) => {
    // Only a PNG is looked into (the pattern above has said what else is wrong).
    if (!PNG_BASE64.test(png) || png.length > MAX_LOGO_BASE64) return;
    const size = pngSize(png);
    if (!size) ctx.addIssue({ code: 'custom', message: 'The logo is not a readable PNG picture' });
    else if (size.width < LOGO_MIN_SIDE_PX || size.height < LOGO_MIN_SIDE_PX) ctx.addIssue({ code: 'custom', message: `The logo is too small (${size.width} × ${size.height} pixels)` });
    else if (size.width > LOGO_MAX_WIDTH_PX || size.height > LOGO_MAX_HEIGHT_PX) ctx.addIssue({ code: 'custom', message: `The logo is too large (${size.width} × ${size.height} pixels; at most ${LOGO_MAX_WIDTH_PX} × ${LOGO_MAX_HEIGHT_PX})` });
  });

/** The logo a document is printed with, as the desk sends it: its version and PNG. */
export const PrintedLogoSchema = z.object({ version: z.number().int().min(1).max(100_000), png: LogoPngSchema });

/**
 * A version of the logo printed at the top of the clinic's forms, kept by a manager in the synced
 * catalog. Like the wording, every save is a new entry with the next version number, so a signed
 * form names the logo it was signed under; `png` '' is a version that takes the logo off.
 */
export const FormLogoSchema = z
  .object({
    id: IdSchema,
    kind: z.literal('form-logo'),
    /** "Forms logo, version 2": the catalog's name of the entry. */
    name: z.string().min(1).max(120),
    logoVersion: z.number().int().min(1).max(100_000),
    png: z.union([z.literal(''), LogoPngSchema]),
  })
  .extend(ChangeStampSchema.shape);
export type FormLogo = z.infer<typeof FormLogoSchema>;

/** The logo forms print with: its version and picture. */
export interface Logo {
  version: number;
  png: string;
}

/**
 * The logo forms print with now: the highest version saved (the later save when two offices saved
 * the same number while apart), or null when none was ever saved or the newest took it off.
 */
export function currentLogo(versions: readonly FormLogo[]): (Logo & { id: string }) | null {
  const newest = [...versions].sort((a, b) => b.logoVersion - a.logoVersion || b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id))[0];
  return newest && newest.png ? { id: newest.id, version: newest.logoVersion, png: newest.png } : null;
}

/** The version the next save gets: one past every version seen, also a removal. */
export function nextLogoVersion(versions: readonly FormLogo[]): number {
  return Math.max(0, ...versions.map((v) => v.logoVersion)) + 1;
}

/** What a logo is, in words for the audit log and the version list (never the picture itself). */
export function describeLogo(png: string): string {
  if (!png) return 'no logo';
  const size = pngSize(png);
  const kb = Math.max(1, Math.round((png.length * 3) / 4 / 1024));
  return size ? `PNG ${size.width} × ${size.height} px, ${kb} KB` : `PNG, ${kb} KB`;
}
