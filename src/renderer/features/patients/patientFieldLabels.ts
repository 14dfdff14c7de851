import type { PatientFields } from '../../../shared/domain/patient';

/** How each field of the record is named on screen, in the history and in the merge. */
export const FIELD_LABEL: Record<keyof PatientFields, string> = {
  givenName: 'First name',
  middleName: 'Middle name',
  familyName: 'Last name',
  suffix: 'Suffix',
  preferredName: 'Preferred name',
  birthDate: 'Date of birth',
  sex: 'Sex',
  genderIdentity: 'Gender identity',
  pronouns: 'Pronouns',
  phones: 'Phones',
  email: 'Email',
  address: 'Address',
  language: 'Language',
  interpreterNeeded: 'Interpreter needed',
  consent: 'Contact consent',
  emergencyContact: 'Emergency contact',
  guarantor: 'Guarantor',
  primaryProviderId: 'Primary provider',
  alerts: 'Alerts',
};

/** A history field path (`address.city`, `consent.text.given`) in words. */
export function fieldPathLabel(path: string): string {
  const [head, ...rest] = path.split('.');
  const base = FIELD_LABEL[head as keyof PatientFields] ?? head ?? path;
  return rest.length ? `${base}: ${rest.join(' ')}` : base;
}
