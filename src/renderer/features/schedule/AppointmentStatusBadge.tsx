import { Badge } from '@mantine/core';
import { APPOINTMENT_STATUS_LABEL, type AppointmentStatus } from '../../../shared/schedule/appointment';

const COLOR: Partial<Record<AppointmentStatus, string>> = { booked: 'blue', arrived: 'green', 'checked-in': 'green', cancelled: 'red', noshow: 'orange' };

export function AppointmentStatusBadge({ status }: { status: AppointmentStatus }) {
  return (
    <Badge color={COLOR[status] ?? 'gray'} variant="light">
      {APPOINTMENT_STATUS_LABEL[status]}
    </Badge>
  );
}
