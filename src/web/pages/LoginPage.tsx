import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../api/client.ts';
import type { LoginLocationState } from '../auth/RequireAuth.tsx';
import { useLogin, useSession } from '../auth/session.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';

/** Where to go after signing in: the page originally requested, never back to /login or off-site. */
function targetFrom(state: unknown): string {
  const from = (state as LoginLocationState | null)?.from;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//')) return '/';
  if (from === '/login' || from.startsWith('/login?')) return '/';
  return from;
}

function loginErrorKey(error: unknown): string {
  if (!isApiError(error)) return 'login.errors.generic';
  if (error.status === 0) return 'errors.network';
  if (error.status === 401) return 'login.errors.invalidCredentials';
  if (error.status === 429) return 'login.errors.tooManyAttempts';
  if (error.status === 400 || error.status === 422) return 'login.errors.invalidInput';
  return 'login.errors.generic';
}

export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const target = targetFrom(location.state);

  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (session.data && !login.isPending) return <Navigate to={target} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = email.trim();
    const nextMissing = { email: !trimmed, password: !password };
    setMissing(nextMissing);
    if (nextMissing.email || nextMissing.password) return;
    login.mutate({ email: trimmed, password }, { onSuccess: () => void navigate(target, { replace: true }) });
  };

  const error = login.error;
  const errorKey = error ? loginErrorKey(error) : null;

  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl" pt="6vh">
        <Stack w="100%" maw={400} gap="lg">
          <Stack gap={4} align="center">
            <Title order={1} size="h2" c="indigo.7">
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm" ta="center">
              {t('app.tagline')}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <form onSubmit={onSubmit} noValidate>
              <Stack gap="md">
                <Title order={2} size="h3">
                  {t('login.title')}
                </Title>
                {errorKey ? (
                  <Alert
                    color={isApiError(error) && error.status === 429 ? 'orange' : 'red'}
                    title={t('login.errors.title')}
                    role="alert"
                    data-testid="login-error"
                  >
                    {t(errorKey)}
                  </Alert>
                ) : null}
                <TextInput
                  label={t('login.email')}
                  name="email"
                  type="email"
                  autoComplete="username"
                  autoFocus
                  required
                  value={email}
                  onChange={(event) => setEmail(event.currentTarget.value)}
                  error={missing.email ? t('login.errors.emailRequired') : undefined}
                />
                <PasswordInput
                  label={t('login.password')}
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  error={missing.password ? t('login.errors.passwordRequired') : undefined}
                />
                <Button type="submit" fullWidth loading={login.isPending} data-testid="login-submit">
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
