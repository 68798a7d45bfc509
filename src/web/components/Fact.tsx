import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

const looks = {
  plain: {},
  strong: { fw: 500 },
  figure: { size: 'lg', fw: 600 },
} as const;

/** A label over its value: the facts of a record's page and the figures of a card. */
export function Fact({
  label,
  children,
  testId,
  look = 'plain',
}: {
  label: string;
  children: ReactNode;
  testId?: string | undefined;
  look?: keyof typeof looks;
}) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="div" data-testid={testId} {...looks[look]}>
        {children}
      </Text>
    </Stack>
  );
}
