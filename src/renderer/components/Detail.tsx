import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled value of a record, read at a glance: the label small and dimmed above the value. */
export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}
