/** What a benchmark needs of a patient to type a search for them. */
export interface QuerySource {
  givenName: string;
  familyName: string;
  birthDate: string;
  phones: readonly string[];
  mrn?: string | undefined;
}

/** The kinds of search the desk types, each made from one patient. */
export const QUERY_KINDS: Record<string, (p: QuerySource) => string> = {
  name_prefix: (p) => p.familyName.slice(0, 3),
  name_two_words: (p) => `${p.familyName.slice(0, 4)} ${p.givenName.slice(0, 2)}`,
  name_single_letter: (p) => `${p.familyName} ${p.givenName.slice(0, 1)}`,
  dob_us: (p) => {
    const [y, m, d] = p.birthDate.split('-');
    return `${Number(m)}/${Number(d)}/${y}`;
  },
  dob_compact: (p) => {
    const [y, m, d] = p.birthDate.split('-');
    return `${m}${d}${y!.slice(2)}`;
  },
  phone: (p) => p.phones[0]!.slice(-7),
  mrn: (p) => p.mrn!,
};

/** Which patient the i-th query of a kind is about: spread over the whole clinic, the same every run. */
export function pickIndex(i: number, count: number): number {
  return (i * 7919) % count;
}
