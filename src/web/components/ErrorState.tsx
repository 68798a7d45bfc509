import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';

/** A failed request, explained: the server's problem title/detail when there is one. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  let message: string;
  if (isApiError(error)) {
    if (error.status === 0) message = t('errors.network');
    else if (error.status === 403) message = t('errors.forbidden');
    else if (error.status === 404) message = t('errors.notFound');
    else message = error.detail ?? error.title;
  } else {
    message = error instanceof Error ? error.message : String(error);
  }
  return (
    <Alert color="red" title={t('errors.loadFailed')} data-testid="error-state" w="100%">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {isApiError(error) && error.status >= 500 ? (
          <Text size="xs" c="dimmed">
            {t('errors.status', { status: error.status })}
          </Text>
        ) : null}
        {onRetry ? (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}
