import { distance } from 'fastest-levenshtein';
import { normalizeName } from './finderQuery';
import type { FinderRecord } from './patientFinder';

/** Why a registered patient may be the person being registered. */
export type DuplicateReason = 'same-dob-similar-name' | 'same-dob-swapped-name' | 'same-phone' | 'same-member-id';

export interface PossibleDuplicate {
  record: FinderRecord;
  reasons: DuplicateReason[];
  /** 0 to 1, higher is more likely the same person. */
  score: number;
}

export const DUPLICATE_REASON_LABEL: Record<DuplicateReason, string> = {
  'same-dob-similar-name': 'Same date of birth and a similar name',
  'same-dob-swapped-name': 'Same date of birth, first and last name swapped',
  'same-phone': 'Same phone number',
  'same-member-id': 'Same insurance member id',
};

/** 1 for the same text, falling towards 0 as more letters differ (Levenshtein over the longer length). */
export function nameSimilarity(a: string, b: string): number {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (!x || !y) return 0;
  return 1 - distance(x, y) / Math.max(x.length, y.length);
}

/**
 * Scores the patients who share a date of birth, a phone number or an insurance member id with
 * someone being registered. A similar name on the same date of birth is the strong signal (typos,
 * a missing accent, a shortened first name's initial), and so is the same member id (one card,
 * one person, unless a family shares a subscriber's id); a shared phone alone is weaker
 * (families share phones).
 */
export function findPossibleDuplicates(
  candidate: { givenName: string; familyName: string; birthDate: string; phones: readonly string[] },
  others: readonly FinderRecord[],
  /** Ids of the patients whose coverage has the member id being entered. */
  sameMemberId: ReadonlySet<string> = new Set(),
): PossibleDuplicate[] {
  const results: PossibleDuplicate[] = [];
  for (const record of others) {
    const reasons: DuplicateReason[] = [];
    let score = 0;
    if (record.birthDate === candidate.birthDate) {
      const family = nameSimilarity(record.familyName, candidate.familyName);
      const given = nameSimilarity(record.givenName, candidate.givenName);
      const sameInitial = normalizeName(record.givenName).charAt(0) === normalizeName(candidate.givenName).charAt(0);
      if (family >= 0.75 && (given >= 0.6 || sameInitial)) {
        reasons.push('same-dob-similar-name');
        score = Math.max(score, 0.5 + 0.25 * family + 0.25 * given);
      } else if (nameSimilarity(record.familyName, candidate.givenName) >= 0.8 && nameSimilarity(record.givenName, candidate.familyName) >= 0.8) {
        reasons.push('same-dob-swapped-name');
        score = Math.max(score, 0.8);
      }
    }
    if (record.phones.some((p) => candidate.phones.includes(p))) {
      reasons.push('same-phone');
      score = Math.max(score, 0.4) + (reasons.length > 1 ? 0.1 : 0);
    }
    if (sameMemberId.has(record.id)) {
      reasons.push('same-member-id');
      score = Math.max(score, 0.7) + (reasons.length > 1 ? 0.1 : 0);
    }
    if (reasons.length > 0) results.push({ record, reasons, score: Math.min(1, score) });
  }
  return results.sort((a, b) => b.score - a.score);
}
