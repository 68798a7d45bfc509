import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ProfileSection } from './ProfileSection.tsx';

interface Related {
  id: string;
  nameZh: string;
  creditCode: string;
}

/** A profile section listing other registry entries, each linked to its own profile; hidden when empty. */
export function RelatedCompanies<T extends Related>(props: {
  title: string;
  description: string;
  testId: string;
  items: readonly T[];
  note?: (item: T) => string;
}) {
  if (props.items.length === 0) return null;
  return (
    <ProfileSection title={props.title} testId={props.testId}>
      <Text size="sm" c="dimmed">
        {props.description}
      </Text>
      <Stack gap={4}>
        {props.items.map((item) => (
          <Group key={item.id} gap="sm">
            <Anchor component={Link} to={`/companies/${item.id}`} size="sm">
              {item.nameZh}
            </Anchor>
            <Text size="sm" ff="monospace" c="dimmed">
              {item.creditCode}
            </Text>
            {props.note ? (
              <Text size="xs" c="dimmed">
                {props.note(item)}
              </Text>
            ) : null}
          </Group>
        ))}
      </Stack>
    </ProfileSection>
  );
}
