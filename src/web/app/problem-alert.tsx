import { Alert, List, Text } from '@mantine/core';

/** A red alert with the error's sentence and, when there are any, its details as a list. */
export function ProblemAlert({ message, details }: { message: string; details: readonly string[] }) {
  return (
    <Alert color="red" role="alert">
      <Text size="sm">{message}</Text>
      {details.length > 0 && (
        <List size="sm" mt={4}>
          {details.map((d) => (
            <List.Item key={d}>{d}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
