import { Alert, Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { DESK_RULE_DEFAULTS, type DeskRulesInput } from '../../../shared/catalog/deskRules';
import { FORM_KINDS, FORM_LABEL, type FormKind } from '../../../shared/schedule/scheduling';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useGuardedAction } from '../../components/useGuardedAction';

type NumberRule = Exclude<keyof DeskRulesInput, 'everyVisitForms'>;
const FIELDS: { name: NumberRule; label: string; description: string; min: number; max: number }[] = [
  { name: 'lateAfterMinutes', label: 'Late after (minutes)', description: 'A booked patient not here this long after their time is marked late', min: 1, max: 120 },
  { name: 'waitAmberMinutes', label: 'Wait turns amber after (minutes)', description: 'On the flow board, from check-in until roomed', min: 1, max: 240 },
  { name: 'waitRedMinutes', label: 'Wait turns red after (minutes)', description: 'Must be more than amber', min: 2, max: 480 },
  { name: 'cancelNoticeHours', label: 'Cancellation notice (hours)', description: 'Printed on appointment cards; 0 says "as soon as you can"', min: 0, max: 168 },
  { name: 'verifyEveryDays', label: 'Verify insurance again after (days)', description: 'At check-in, a coverage last verified this long ago is verified again; 1: every visit', min: 1, max: 365 },
  { name: 'formsValidMonths', label: 'Signed forms valid for (months)', description: 'A form signed longer ago is due again; 0: never expires', min: 0, max: 120 },
];

/** The front desk's rules for the whole clinic, as a manager sets them. */
export function DeskRulesForm() {
  const desk = useDesk();
  const guard = useGuardedAction();
  const rules = useObservable(() => desk.catalog.observeDeskRules(), DESK_RULE_DEFAULTS, [desk]);
  // What the manager typed over the stored rules (which show until then, and after saving).
  const [edited, setEdited] = useState<Partial<Record<NumberRule, number | string>>>({});
  const [forms, setForms] = useState<FormKind[] | null>(null);
  const values = { ...rules, ...edited };
  const everyVisitForms = forms ?? rules.everyVisitForms;
  const { busy, error, submit } = useFormSubmit(guard);
  const save = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      const numbers = Object.fromEntries(FIELDS.map((f) => [f.name, typeof values[f.name] === 'number' ? values[f.name] : Number.NaN]));
      await desk.catalog.saveDeskRules({ ...numbers, everyVisitForms } as DeskRulesInput);
      setEdited({});
      setForms(null);
      notifications.show({ color: 'teal', message: 'Front desk rules saved for the whole clinic' });
    });
  };
  return (
    <form aria-label="Front desk rules" onSubmit={save}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          For every workstation of the clinic. Managers may change them.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {FIELDS.map((f) => (
            <NumberInput
              key={f.name}
              label={f.label}
              description={f.description}
              min={f.min}
              max={f.max}
              allowDecimal={false}
              value={values[f.name]}
              onChange={(v) => setEdited((old) => ({ ...old, [f.name]: v }))}
            />
          ))}
        </SimpleGrid>
        <Checkbox.Group
          label="Forms due at every visit"
          description="Whatever the appointment type; each type adds its own forms"
          value={everyVisitForms}
          onChange={(v) => setForms(FORM_KINDS.filter((f) => v.includes(f)))}
        >
          <Group mt={6} gap="md">
            {FORM_KINDS.map((f) => (
              <Checkbox key={f} value={f} label={FORM_LABEL[f]} />
            ))}
          </Group>
        </Checkbox.Group>
        {error && (
          <Alert color="red" role="alert" style={{ whiteSpace: 'pre-line' }}>
            {error}
          </Alert>
        )}
        <RefusalNotice guard={guard} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Save rules
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
