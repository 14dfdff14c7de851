import { Center, Loader } from '@mantine/core';
import { useDesk } from './DeskContext';
import { useObservable } from './useObservable';
import { useSessionStore } from '../features/signin/sessionStore';
import { FirstRunScreen } from '../features/setup/FirstRunScreen';
import { useJoinStore } from '../features/setup/joinStore';
import { SignInScreen } from '../features/signin/SignInScreen';
import { LockScreen } from '../features/signin/LockScreen';
import { useAutoLock } from '../features/signin/useAutoLock';
import { useSignedInRecord } from '../features/signin/useSignedInRecord';
import { useSeedRequestAtSignIn } from '../features/demo/useSeedRequestAtSignIn';
import { App } from './App';

/**
 * What the workstation shows: first-run setup while the clinic has no staff here (or while a
 * joining workstation shows who can sign in at its site), the sign-in screen while nobody is
 * signed in, and the desk otherwise. A lock hides the desk without unmounting it, so unsaved
 * input is still there after unlocking.
 */
export function Gate() {
  const desk = useDesk();
  const staffCount = useObservable(() => desk.staff.observeCount(), null as number | null, [desk]);
  const staff = useSessionStore((s) => s.staff);
  const locked = useSessionStore((s) => s.locked);
  const settingUp = useSessionStore((s) => s.settingUp);
  const joining = useJoinStore((s) => s.joining);
  useAutoLock(Boolean(staff));
  useSignedInRecord();
  useSeedRequestAtSignIn();

  if (staffCount === null) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (staffCount === 0 || settingUp || joining) return <FirstRunScreen />;
  if (!staff) return <SignInScreen />;
  return (
    <>
      <div hidden={locked} aria-hidden={locked} inert={locked}>
        <App key={staff.id} />
      </div>
      {locked && <LockScreen />}
    </>
  );
}
