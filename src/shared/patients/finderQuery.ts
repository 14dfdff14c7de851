import { HumanNumberSchema } from '../domain/humanNumber';

/**
 * How a front desk types a patient search: name parts in any order, a date of birth in one of the
 * common forms, phone digits or an MRN. This turns the typed text into one kind of lookup.
 */
export type FinderQuery =
  | { kind: 'name'; tokens: string[] }
  | { kind: 'dob'; dates: string[] }
  | { kind: 'phone'; digits: string }
  /** In capitals; without its dash when typed so (see `mrnSpellings`). */
  | { kind: 'mrn'; value: string }
  | { kind: 'empty' };

/**
 * Letters that do not decompose into a plain letter and an accent, written the way a person types
 * them on a US keyboard: "Søren" as soren, "Weiß" as weiss, "Đặng" as dang.
 */
const TYPED_AS: Readonly<Record<string, string>> = {
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  ŀ: 'l',
  ð: 'd',
  đ: 'd',
  þ: 'th',
  ı: 'i',
  ø: 'o',
  ß: 'ss',
  ħ: 'h',
  ŧ: 't',
  ĳ: 'ij',
};
const TYPED_LETTER = new RegExp(`[${Object.keys(TYPED_AS).join('')}]`, 'gu');

/**
 * Apostrophes and the marks typed for them. Some are letters or spacing accents to Unicode, which
 * would run "Oʼneil" together; every one separates like "O'Neil" does.
 */
const APOSTROPHE = /['`´ʹʻʼʽ‘’‛′]/gu;

/**
 * Lower-case, accents removed, letters like ø, ß and æ as typed on a US keyboard, anything but
 * letters and digits a separator: "José O'Neil" → "jose o neil", "Weiß-Åsa" → "weiss asa".
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(APOSTROPHE, ' ')
    .toLowerCase()
    .replace(/\p{Diacritic}/gu, '')
    .replace(TYPED_LETTER, (letter) => TYPED_AS[letter]!)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The searchable words of a name. */
export function nameTokens(...parts: (string | undefined)[]): string[] {
  return parts.flatMap((p) => (p ? normalizeName(p).split(' ') : [])).filter(Boolean);
}

/**
 * What the finder's name index holds for a name: from each word of a part to the end of that
 * part, run together ("De La Cruz" → delacruz, lacruz, cruz). A typed word that starts one of
 * them finds the name, so a name is found by its words apart ("cruz", "de la cruz") and run
 * together as people type them ("delacruz", "obrien", "smithjones"); parts never run into
 * each other.
 */
export function nameKeys(...parts: (string | undefined)[]): string[] {
  return parts.flatMap((p) => runOn(p ? normalizeName(p).split(' ').filter(Boolean) : []));
}

/** Each word with the words after it run on: [de, la, cruz] → [delacruz, lacruz, cruz]. */
function runOn(words: readonly string[]): string[] {
  const keys: string[] = [];
  let tail = '';
  for (let i = words.length - 1; i >= 0; i--) keys.push((tail = words[i]! + tail));
  return keys.reverse();
}

const MRN = /^[A-Z][A-Z0-9]{0,3}-\d{1,}$/i;
/** An MRN typed or scanned without its dash: a workstation prefix run into the sequence. */
const MRN_WITHOUT_DASH = /^[A-Z][A-Z0-9]{0,3}\d{6,}$/i;

/**
 * The MRNs a search for `value` means: itself, or for an MRN without its dash every way of putting
 * the dash back that makes a workstation number (`N1001579` is `N1-001579`, or `N-1001579` had
 * workstation N issued a million).
 */
export function mrnSpellings(value: string): string[] {
  if (value.includes('-')) return [value];
  const spellings: string[] = [];
  for (let at = 1; at <= 4 && at < value.length; at++) {
    const spelled = `${value.slice(0, at)}-${value.slice(at)}`;
    if (HumanNumberSchema.safeParse(spelled).success) spellings.push(spelled);
  }
  return spellings;
}

/**
 * Classifies what was typed. `today` decides the century of two-digit years: a year that would be
 * in the future belongs to the previous century (`030461` is 1961, `030405` is 2005).
 */
export function parseFinderQuery(text: string, today: Date): FinderQuery {
  const raw = text.trim();
  if (!raw) return { kind: 'empty' };
  if (MRN.test(raw) || MRN_WITHOUT_DASH.test(raw)) return { kind: 'mrn', value: raw.toUpperCase() };
  const dates = parseDateOfBirth(raw, today);
  if (dates) return { kind: 'dob', dates };
  if (/^[\d\s()+.-]+$/.test(raw)) {
    const digits = raw.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
    if (digits.length >= 4) return { kind: 'phone', digits };
  }
  const tokens = nameTokens(raw);
  return tokens.length ? { kind: 'name', tokens } : { kind: 'empty' };
}

/**
 * A date of birth typed as `1961-03-04`, `3/4/1961`, `03/04/61`, `3-4-1961` (US month first) or
 * `030461` / `03041961` (MMDDYY, MMDDYYYY). Returns the ISO dates it can mean (none for a date that
 * does not exist), or null when the text is not a date at all.
 */
export function parseDateOfBirth(text: string, today: Date): string[] | null {
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) return validDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text) ?? /^(\d{2})(\d{2})(\d{2}|\d{4})$/.exec(text);
  if (!match) return null;
  const [month, day, year] = [Number(match[1]), Number(match[2]), match[3]!];
  if (year.length === 4) return validDate(Number(year), month, day);
  // A two-digit year is this century's unless that puts the birth in the future.
  const century = Math.floor(today.getUTCFullYear() / 100) * 100;
  const recent = validDate(century + Number(year), month, day);
  const todayIso = today.toISOString().slice(0, 10);
  if (recent.length && recent[0]! <= todayIso) return recent;
  return validDate(century - 100 + Number(year), month, day);
}

/** The date as ISO, or no date when it does not exist (2/30): a typed date that matches nobody. */
function validDate(year: number, month: number, day: number): string[] {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return [];
  return [`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`];
}
