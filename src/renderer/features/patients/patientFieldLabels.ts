import { ADMINISTRATIVE_SEX_LABEL, formatAddress, formatPhone, formatUsDate, languageLabel, type Patient, type PatientFields } from '../../../shared/patients/patient';

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

/** A field's value as one line of text for comparing two records. */
export function describeValue(field: keyof PatientFields, value: unknown, names: { provider?: (id: string) => string | undefined } = {}): string {
  if (value === '' || value === null || value === undefined) return '—';
  if (field === 'birthDate') return formatUsDate(String(value));
  if (field === 'sex') return ADMINISTRATIVE_SEX_LABEL[value as Patient['sex']] ?? String(value);
  if (field === 'language') return languageLabel(String(value));
  if (field === 'primaryProviderId') return names.provider?.(String(value)) ?? 'A provider no longer on the list';
  if (field === 'phones') return (value as Patient['phones']).map((p) => `${formatPhone(p.number)} (${p.type}${p.texts ? ', texts' : ''})`).join('; ') || '—';
  if (field === 'alerts') return (value as string[]).join('; ') || '—';
  if (field === 'address') {
    const a = value as Patient['address'];
    return formatAddress(a) || '—';
  }
  if (field === 'consent') {
    const c = value as Patient['consent'];
    const given = (['call', 'text', 'email'] as const).filter((k) => c[k].given);
    return given.length ? given.map((k) => `${k === 'call' ? 'calls' : k === 'text' ? 'texts' : 'email'} (${formatUsDate(c[k].recordedOn)})`).join(', ') : 'none';
  }
  if (field === 'emergencyContact') {
    const e = value as Patient['emergencyContact'];
    return e.name ? `${e.name} (${e.relationship || 'contact'}) ${formatPhone(e.phone)}` : '—';
  }
  if (field === 'guarantor') {
    const g = value as Patient['guarantor'];
    return g.kind === 'self' ? 'The patient' : g.kind === 'person' ? `${g.name} (${g.relationship})` : 'Another patient';
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}
