import { AppShell, Button, Group, Kbd, NavLink, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { AuditScreen } from '../features/audit/AuditScreen';
import { CheckInScreen } from '../features/checkin/CheckInScreen';
import { PatientFinderOverlay } from '../features/patients/finder/PatientFinderOverlay';
import { PatientsScreen } from '../features/patients/PatientsScreen';
import { PaymentsScreen } from '../features/payments/PaymentsScreen';
import { ScheduleScreen } from '../features/schedule/ScheduleScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { StaffScreen } from '../features/staff/StaffScreen';
import { useSessionStore } from '../features/signin/sessionStore';
import { useDesk } from './DeskContext';
import { useDeskStore, type Screen } from './deskStore';
import { StatusBar } from '../features/sync/StatusBar';

const SCREENS: { id: Screen; label: string; key: string }[] = [
  { id: 'patients', label: 'Patients', key: '1' },
  { id: 'schedule', label: 'Schedule', key: '2' },
  { id: 'checkin', label: 'Check-in', key: '3' },
  { id: 'payments', label: 'Payments', key: '4' },
  { id: 'audit', label: 'Audit log', key: '5' },
  { id: 'staff', label: 'Staff', key: '6' },
  { id: 'settings', label: 'Settings', key: '7' },
];

export function App() {
  const desk = useDesk();
  const staff = useSessionStore((s) => s.staff);
  const screen = useDeskStore((s) => s.screen);
  const go = useDeskStore((s) => s.go);
  const openFinder = useDeskStore((s) => s.openFinder);
  // Nothing moves behind the lock screen.
  const unlocked = (action: () => void) => () => {
    if (!useSessionStore.getState().locked) action();
  };
  // No tags ignored: the shortcuts work while typing in a field too.
  useHotkeys([['mod+k', unlocked(openFinder)], ...SCREENS.map((s): [string, () => void] => [`alt+${s.key}`, unlocked(() => go(s.id))])], []);

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 0 }} footer={{ height: 40 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={1} size="h3">
            ClinicDesk
          </Title>
          <Group gap="md">
            <Text size="xs" c="dimmed">
              <Kbd>Ctrl</Kbd> + <Kbd>K</Kbd> find a patient · <Kbd>Ctrl</Kbd> + <Kbd>L</Kbd> lock
            </Text>
            <Text size="sm" data-testid="signed-in-as">
              {staff?.displayName}
            </Text>
            <Button size="compact-sm" variant="default" onClick={() => void desk.session.lock('button')}>
              Lock
            </Button>
            <Button size="compact-sm" variant="subtle" onClick={() => void desk.session.signOut('sign-out')}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {SCREENS.map((s) => (
          <NavLink
            key={s.id}
            component="button"
            label={s.label}
            description={`Alt+${s.key}`}
            active={screen === s.id}
            aria-current={screen === s.id ? 'page' : undefined}
            onClick={() => go(s.id)}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {screen === 'patients' && <PatientsScreen />}
        {screen === 'schedule' && <ScheduleScreen />}
        {screen === 'checkin' && <CheckInScreen />}
        {screen === 'payments' && <PaymentsScreen />}
        {screen === 'audit' && <AuditScreen />}
        {screen === 'staff' && <StaffScreen />}
        {screen === 'settings' && <SettingsScreen />}
      </AppShell.Main>
      <AppShell.Footer>
        <StatusBar />
      </AppShell.Footer>
      <PatientFinderOverlay />
    </AppShell>
  );
}
