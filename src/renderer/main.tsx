import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/app.css';
// Stylesheets load here with the shell, so the features' list stays importable in Node (bench, chaos).
import 'react-big-calendar/lib/css/react-big-calendar.css';
import './features/schedule/calendar/calendar.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DeskContext } from './app/DeskContext';
import { Gate } from './app/Gate';
import { startDesk } from './app/startDesk';
import { StartupError } from './app/StartupError';
import { cssVariablesResolver, theme } from './theme';

const root = createRoot(document.getElementById('root')!);

startDesk()
  .then((desk) => {
    root.render(
      <StrictMode>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
          <Notifications position="top-right" />
          <DeskContext.Provider value={desk}>
            <Gate />
          </DeskContext.Provider>
        </MantineProvider>
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    root.render(
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <StartupError message={error instanceof Error ? error.message : String(error)} />
      </MantineProvider>,
    );
  });
