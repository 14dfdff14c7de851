import { Badge } from '@mantine/core';
import type { AppointmentStatus } from '../../../shared/schedule/appointment';

const LOOK: Partial<Record<AppointmentStatus, { label: string; color: string }>> = {
  booked: { label: 'Booked', color: 'blue' },
  arrived: { label: 'Arrived', color: 'green' },
  'checked-in': { label: 'Checked in', color: 'green' },
  fulfilled: { label: 'Done', color: 'gray' },
  cancelled: { label: 'Cancelled', color: 'red' },
  noshow: { label: 'No-show', color: 'orange' },
};

export function AppointmentStatusBadge({ status }: { status: AppointmentStatus }) {
  const look = LOOK[status] ?? { label: status, color: 'gray' };
  return (
    <Badge color={look.color} variant="light">
      {look.label}
    </Badge>
  );
}
