import { Select } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PatientId } from '../../../shared/domain/ids';
import { formatUsDate, patientDisplayName } from '../../../shared/patients/patient';
import { useDesk } from '../../app/DeskContext';

const label = (p: { givenName: string; familyName: string; suffix?: string; birthDate: string; mrn: string }) => `${patientDisplayName(p)} · ${formatUsDate(p.birthDate)}${p.mrn ? ` · ${p.mrn}` : ''}`;

/** Chooses a registered patient by typing what the finder understands (name, DOB, phone, MRN). */
export function PatientPicker({
  label: fieldLabel,
  value,
  onChange,
  exclude = [],
  error,
  autoFocus = false,
}: {
  label: string;
  value: string;
  onChange: (id: string) => void;
  exclude?: readonly string[];
  error?: string | undefined;
  /** Takes the focus when its dialog opens (the dialog's focus moving elsewhere would clear what was typed). */
  autoFocus?: boolean;
}) {
  const desk = useDesk();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const excluded = exclude.join(',');

  useEffect(() => {
    if (!value) return;
    void desk.patients.get(value as PatientId).then((p) => {
      if (p) setOptions((o) => (o.some((x) => x.value === p.id) ? o : [{ value: p.id, label: label(p) }, ...o]));
    });
  }, [desk, value]);

  useEffect(() => {
    if (query.trim().length < 2) return;
    let live = true;
    const timer = setTimeout(() => {
      void desk.patients.search(query, 20).then((found) => {
        if (!live) return;
        setOptions((current) => [
          ...current.filter((o) => o.value === value),
          ...found.filter((p) => p.id !== value && !excluded.split(',').includes(p.id)).map((p) => ({ value: p.id, label: label(p) })),
        ]);
      });
    }, 80);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [desk, query, value, excluded]);

  return (
    <Select
      label={fieldLabel}
      placeholder="Type a name, date of birth, phone or MRN"
      searchable
      filter={({ options: o }) => o}
      data={options}
      searchValue={query}
      onSearchChange={setQuery}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      nothingFoundMessage={query.trim().length < 2 ? 'Type at least two characters' : 'No patient matches'}
      error={error}
      {...(autoFocus ? { 'data-autofocus': true } : {})}
    />
  );
}
