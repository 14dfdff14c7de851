import { Card, Stack, Title } from '@mantine/core';
import { AppointmentTypeList, AvailabilityList, DeskRulesForm, ExceptionList, FormLogoEditor, FormWordingEditor, PayerList, ProviderList, RoomList, ServiceList } from '../catalog/public';
import { ClinicSettingsForm } from './ClinicSettingsForm';
import { SyncSettingsForm } from './SyncSettingsForm';
import { WorkstationSettingsForm } from './WorkstationSettingsForm';

export function SettingsScreen() {
  return (
    <Stack>
      <Title order={2}>Settings</Title>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Sync server
        </Title>
        <SyncSettingsForm />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Clinic
        </Title>
        <ClinicSettingsForm />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Payers
        </Title>
        <PayerList />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Providers
        </Title>
        <ProviderList />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Appointment types
        </Title>
        <AppointmentTypeList />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Fee schedule
        </Title>
        <ServiceList />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Form wording
        </Title>
        <FormWordingEditor />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Forms logo
        </Title>
        <FormLogoEditor />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Rooms
        </Title>
        <RoomList />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Provider hours
        </Title>
        <AvailabilityList />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Closures and time off
        </Title>
        <ExceptionList />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          Front desk rules
        </Title>
        <DeskRulesForm />
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          This workstation
        </Title>
        <WorkstationSettingsForm />
      </Card>
    </Stack>
  );
}
