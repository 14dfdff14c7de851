import { Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A section of the Sync screen: a title, what it is for, its one action, and its content. */
export function SyncPanel({ title, description, action, children }: { title: string; description: ReactNode; action?: ReactNode; children?: ReactNode }) {
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={3} size="h4">
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          </div>
          {action}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}
