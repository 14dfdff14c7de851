import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { IdSchema } from '../domain/ids';

/** The forms whose wording a clinic may change: the ones that are text to read and sign. */
export const EDITABLE_FORMS = ['consent-to-treat', 'hipaa-notice', 'financial-policy'] as const;
export const EditableFormSchema = z.enum(EDITABLE_FORMS);
export type EditableForm = z.infer<typeof EditableFormSchema>;

/** The longest wording a form may have: about a page of text. */
export const MAX_WORDING_LENGTH = 6000;

/**
 * A version of a form's wording, kept by a manager in the synced catalog. Every save is a new
 * entry with the next version number, never a change to an earlier one, so a form signed with a
 * version can always be told which words it was; two offices that save while apart each keep
 * theirs, and the newer one is used.
 *
 * The wording is plain text: paragraphs separated by an empty line, a line starting with `- ` is
 * an item of a list, `**words**` are bold, and `{clinic}` and `{phone}` stand for the clinic's
 * name and phone number.
 */
export const FormWordingInputSchema = z.object({
  form: EditableFormSchema,
  body: z.string().trim().min(20, 'Write the form’s wording (at least a sentence)').max(MAX_WORDING_LENGTH, `The wording is longer than ${MAX_WORDING_LENGTH.toLocaleString('en-US')} characters`),
  attestation: z.string().trim().min(5, 'Write what the person signing declares').max(300, 'At most 300 characters'),
});
export type FormWordingInput = z.input<typeof FormWordingInputSchema>;

export const FormWordingSchema = FormWordingInputSchema.extend({
  id: IdSchema,
  kind: z.literal('form-wording'),
  /** "Consent to treat, version 2": the catalog's name of the entry. */
  name: z.string().min(1).max(120),
  /** 2 and up: version 1 is the wording the app comes with. */
  wordingVersion: z.number().int().min(2).max(100_000),
}).extend(ChangeStampSchema.shape);
export type FormWording = z.infer<typeof FormWordingSchema>;

/** The wording a form is printed with: its version, text and the line the signer declares. */
export interface Wording {
  version: number;
  body: string;
  attestation: string;
}

/** The wording the app comes with (version 1). */
export const BUILT_IN_WORDING: Readonly<Record<EditableForm, Wording>> = {
  'consent-to-treat': {
    version: 1,
    body: `I agree to be examined and treated by the physicians, nurse practitioners, physician assistants, nurses and other clinical staff of {clinic}. This includes examinations, laboratory tests, imaging, vaccines, medicines and minor office procedures that my provider considers advisable for my care.

- My provider will explain my condition and the tests and treatments proposed. I understand that no one can guarantee the results of an examination or treatment.
- I have the right to refuse or stop any test or treatment, and to ask about the risks of doing so.
- For a procedure with significant risks, I will be asked to give separate written consent.
- I may ask questions about my care at any time. I have read this form (or had it read to me), and my questions have been answered.

This consent applies to the care I receive at {clinic} from today until I withdraw it in writing.`,
    attestation: 'I consent to examination and treatment as described above.',
  },
  'hipaa-notice': {
    version: 1,
    body: `I acknowledge that I received a copy of the Notice of Privacy Practices of {clinic}. The notice describes how my health information may be used and disclosed, and how I can get access to it.

I understand that I may ask for another copy of the notice at any time, and that the clinic may change the notice; the current notice is available at the front desk.`,
    attestation: 'I received the Notice of Privacy Practices.',
  },
  'financial-policy': {
    version: 1,
    body: `- **Payment at check-in.** Co-pays, and any balance you owe from earlier visits, are due when you check in. Patients without insurance pay for each visit at the time of service.
- **Insurance.** We bill your insurance as a courtesy to you. Your coverage is a contract between you and your insurer, so please bring your current card to every visit and tell us of any change.
- **What insurance does not pay.** You are responsible for any amount your insurance does not pay, including deductibles, co-insurance, services your plan does not cover and claims it denies.
- **Returned checks.** A check returned by the bank may be charged a returned-check fee, and we may then ask for payment by cash or card.
- **Missed appointments.** If you cannot keep an appointment, please call us at {phone} as early as you can. Appointments missed without notice may be charged a fee.

I authorize {clinic} to bill my insurance, to release the information needed to process my claims, and to receive payment from my insurer directly.`,
    attestation: 'I have read and understand this financial policy, and I agree to pay for the services I receive.',
  },
};

/**
 * The wording a form is printed with now: the highest version saved for it (the later save when
 * two offices saved the same number while apart), or the built-in one.
 */
export function currentWording(versions: readonly FormWording[], form: EditableForm): Wording & { id: string | null } {
  const newest = versions
    .filter((v) => v.form === form)
    .sort((a, b) => b.wordingVersion - a.wordingVersion || b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id))[0];
  return newest ? { id: newest.id, version: newest.wordingVersion, body: newest.body, attestation: newest.attestation } : { id: null, ...BUILT_IN_WORDING[form] };
}

export function isEditableForm(form: string): form is EditableForm {
  return (EDITABLE_FORMS as readonly string[]).includes(form);
}
