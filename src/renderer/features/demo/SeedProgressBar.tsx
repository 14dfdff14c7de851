import { Progress, Stack, Text } from '@mantine/core';
import type { SeedProgress } from './seedClinic';

/** What a synthetic-clinic load is doing, for a person watching it: "Loading patients: 3,000 of 10,000". */
export function describeSeedProgress(progress: SeedProgress, patients: number): string {
  const n = (value: number) => value.toLocaleString('en-US');
  if (progress.phase === 'patients') return `Loading patients: ${n(progress.done)} of ${n(patients)}`;
  return `Booking appointments: ${n(progress.done - patients)} of ${n(progress.total - patients)}`;
}

export function SeedProgressBar({ progress, patients }: { progress: SeedProgress | null; patients: number }) {
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Stack gap={4}>
      <Progress value={percent} aria-label="Loading the synthetic clinic" />
      <Text size="xs" c="dimmed">
        {progress ? describeSeedProgress(progress, patients) : 'Starting…'}
      </Text>
    </Stack>
  );
}
