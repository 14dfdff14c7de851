import { AppShell, Button, Group, Kbd, NavLink, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { screensOf } from './feature';
import { FEATURES } from './features';
import { PatientFinderOverlay } from '../features/patients/finder/PatientFinderOverlay';
import { useSessionStore } from '../features/signin/sessionStore';
import { useDesk } from './DeskContext';
import { useDeskStore, type Screen } from './deskStore';
import type { ScreenSpec } from './feature';
import { StatusBar } from '../features/sync/StatusBar';
import { PrintQueuePanel } from '../features/printing/public';

/** The navigation, from the features' list: each screen with its Alt shortcut. */
const SCREENS = screensOf(FEATURES) as ScreenSpec<Screen>[];

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
              <Kbd>Ctrl</Kbd> + <Kbd>K</Kbd> find a patient · <Kbd>Ctrl</Kbd> + <Kbd>Shift</Kbd> + <Kbd>P</Kbd> print queue · <Kbd>Ctrl</Kbd> + <Kbd>L</Kbd> lock
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
        {SCREENS.filter((s) => s.id === screen).map(({ id, component: Shown }) => (
          <Shown key={id} />
        ))}
      </AppShell.Main>
      <AppShell.Footer>
        <StatusBar />
      </AppShell.Footer>
      <PatientFinderOverlay />
      <PrintQueuePanel />
    </AppShell>
  );
}
