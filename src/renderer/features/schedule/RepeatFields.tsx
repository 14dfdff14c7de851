import { Checkbox, Group, NativeSelect, TextInput } from '@mantine/core';
import { MAX_OCCURRENCES, type RecurrenceRule } from '../../../shared/schedule/slots';

/** How a visit repeats, as the form holds it. */
export interface Repeat {
  on: boolean;
  every: string;
  unit: 'week' | 'day';
  ends: 'count' | 'until';
  count: string;
  until: string;
}

export const NO_REPEAT: Repeat = { on: false, every: '1', unit: 'week', ends: 'count', count: '4', until: '' };

/** The rule the form describes, or what is wrong with it; null when the visit does not repeat. */
export function repeatRule(repeat: Repeat, firstDate: string): RecurrenceRule | string | null {
  if (!repeat.on) return null;
  const every = Number(repeat.every);
  if (!Number.isInteger(every) || every < 1 || every > 52) return 'Repeat every 1 to 52 days or weeks.';
  if (repeat.ends === 'count') {
    const count = Number(repeat.count);
    if (!Number.isInteger(count) || count < 2 || count > MAX_OCCURRENCES) return `A repeating visit happens 2 to ${MAX_OCCURRENCES} times.`;
    return { every, unit: repeat.unit, count };
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(repeat.until)) return 'Enter the last date the visit repeats on.';
  if (repeat.until <= firstDate) return 'The last date comes after the first visit.';
  return { every, unit: repeat.unit, until: repeat.until };
}

/** "Repeats every 2 weeks, 6 times": the fields of a repeating visit. */
export function RepeatFields({ value, onChange }: { value: Repeat; onChange: (next: Repeat) => void }) {
  const set = (patch: Partial<Repeat>) => onChange({ ...value, ...patch });
  return (
    <Group mt="sm" align="flex-end" gap="sm">
      <Checkbox label="Repeats" checked={value.on} onChange={(e) => set({ on: e.currentTarget.checked })} mb={8} />
      {value.on && (
        <>
          <TextInput label="Every" inputMode="numeric" w={70} value={value.every} onChange={(e) => set({ every: e.currentTarget.value })} />
          <NativeSelect
            label="Unit"
            data={[
              { value: 'week', label: 'weeks' },
              { value: 'day', label: 'days' },
            ]}
            value={value.unit}
            onChange={(e) => set({ unit: e.currentTarget.value as Repeat['unit'] })}
          />
          <NativeSelect
            label="Ends"
            data={[
              { value: 'count', label: 'after a number of visits' },
              { value: 'until', label: 'on a date' },
            ]}
            value={value.ends}
            onChange={(e) => set({ ends: e.currentTarget.value as Repeat['ends'] })}
          />
          {value.ends === 'count' ? (
            <TextInput label="Visits" inputMode="numeric" w={80} value={value.count} onChange={(e) => set({ count: e.currentTarget.value })} />
          ) : (
            <TextInput label="Last date" type="date" value={value.until} onChange={(e) => set({ until: e.currentTarget.value })} />
          )}
        </>
      )}
    </Group>
  );
}
