import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { pickName } from '../i18n/index.ts';

/** The name in the UI language, with the other language's name underneath when there is one. */
export function BilingualName({ nameZh, nameEn }: { nameZh: string; nameEn: string | null }) {
  const { i18n } = useTranslation();
  const primary = pickName(i18n.language, nameZh, nameEn);
  const secondary = primary === nameZh ? nameEn : nameZh;
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {primary}
      </Text>
      {secondary && secondary !== primary ? (
        <Text size="xs" c="dimmed">
          {secondary}
        </Text>
      ) : null}
    </Stack>
  );
}
