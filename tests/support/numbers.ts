import { formatHumanNumber } from '../../src/shared/domain/humanNumber';

/** A workstation's number sequence as main issues it, for repositories under test. */
export function numberSequence(prefix: string): () => Promise<string> {
  let next = 0;
  return async () => formatHumanNumber(prefix, ++next);
}
