import { Alert, Container } from '@mantine/core';

export function StartupError({ message }: { message: string }) {
  return (
    <Container size="sm" py="xl">
      <Alert color="red" title="ClinicDesk could not start">
        {message}
      </Alert>
    </Container>
  );
}
