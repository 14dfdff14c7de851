import { Chip, Group, Input } from '@mantine/core';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Weekdays the patient can come (none chosen: any day). */
export function WeekdayChoice({ value, onChange }: { value: number[]; onChange: (days: number[]) => void }) {
  return (
    <Input.Wrapper label="Days" description={value.length ? undefined : 'Any day'}>
      <Chip.Group multiple value={value.map(String)} onChange={(v) => onChange(v.map(Number).sort())}>
        <Group gap={4} mt={4}>
          {DAYS.map((d, i) => (
            <Chip key={d} value={String(i)} size="xs">
              {d}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Input.Wrapper>
  );
}

/** "Mornings, Mon and Thu": a waitlist patient's wishes in words. */
export function describeWants(wants: { partOfDay: 'any' | 'morning' | 'afternoon'; weekdays: readonly number[] }): string {
  const part = { any: 'Any time', morning: 'Mornings', afternoon: 'Afternoons' }[wants.partOfDay];
  return wants.weekdays.length ? `${part}, ${wants.weekdays.map((d) => DAYS[d]).join(', ')}` : part;
}
