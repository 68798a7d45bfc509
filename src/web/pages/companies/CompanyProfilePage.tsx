import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import {
  type Company,
  type CompanyDetail,
  type CompanyInput,
  companyKeys,
  deleteCompany,
  updateCompany,
  useCompany,
} from '../../api/companies.ts';
import { useCurrentSession } from '../../auth/session.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { CompanyForm } from './CompanyForm.tsx';
import { formFromCompany, patchBody } from './companyForm.ts';
import { STATUS_COLORS, useRegistryLabels } from './labels.ts';
import { sectionsFor } from './profile/sections.tsx';
import { useCanEditRegistry } from './roles.ts';

/** One company: its facts and the sections other modules contribute, with edit, delete and history. */
export function CompanyProfilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const detail = useCompany(id);

  if (detail.isPending) {
    return (
      <Stack gap="lg">
        <Skeleton h={40} w="50%" />
        <Skeleton h={240} />
      </Stack>
    );
  }
  if (detail.isError) {
    if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 400)) {
      return <NotFoundPage />;
    }
    return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return <CompanyProfile key={detail.data.company.id} detail={detail.data} backLabel={t('registry.title')} />;
}

function CompanyProfile({ detail, backLabel }: { detail: CompanyDetail; backLabel: string }) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const canEdit = useCanEditRegistry();
  const labels = useRegistryLabels();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [confirmOpen, confirm] = useDisclosure(false);
  const { company } = detail;

  const save = useMutation({
    mutationFn: (body: Partial<CompanyInput>) => updateCompany(company.id, body),
    onSuccess: (updated: Company) => {
      queryClient.setQueryData<CompanyDetail>(companyKeys.detail(company.id), (current) =>
        current ? { ...current, company: updated } : current,
      );
      void queryClient.invalidateQueries({ queryKey: companyKeys.all });
      setEditing(false);
    },
  });

  const remove = useMutation({
    mutationFn: () => deleteCompany(company.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: companyKeys.detail(company.id) });
      void queryClient.invalidateQueries({ queryKey: companyKeys.all });
      void navigate('/companies', { replace: true });
    },
  });

  const initial = formFromCompany(company);

  return (
    <Stack gap="lg" data-testid="company-profile" data-company-id={company.id}>
      <Breadcrumbs separator="›">
        <Anchor component={Link} to="/companies" size="sm">
          {backLabel}
        </Anchor>
        <Text size="sm">{company.nameZh}</Text>
      </Breadcrumbs>

      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} miw={0}>
          <Group gap="sm" wrap="wrap">
            <Title order={1} size="h2" data-testid="company-title">
              {company.nameZh}
            </Title>
            <Badge variant="light" color={STATUS_COLORS[company.status] ?? 'gray'} radius="sm">
              {labels.status(company.status)}
            </Badge>
          </Group>
          {company.nameEn ? <Text c="dimmed">{company.nameEn}</Text> : null}
          <Text size="sm" ff="monospace" c="dimmed" data-testid="company-credit-code">
            {company.creditCode}
          </Text>
        </Stack>
        {canEdit && !editing ? (
          <Group gap="xs">
            <Button
              variant="default"
              onClick={() => {
                save.reset();
                setEditing(true);
              }}
              data-testid="company-edit"
            >
              {t('profile.edit')}
            </Button>
            <Button variant="light" color="red" onClick={confirm.open} data-testid="company-delete">
              {t('profile.delete')}
            </Button>
          </Group>
        ) : null}
      </Group>

      {editing ? (
        <Paper withBorder p="md" radius="md">
          <Stack gap="md">
            <Title order={2} size="h4">
              {t('profile.editTitle')}
            </Title>
            <CompanyForm
              initial={initial}
              submitLabel={t('common.save')}
              pending={save.isPending}
              error={save.error}
              onCancel={() => setEditing(false)}
              onSubmit={(body) => {
                const patch = patchBody(initial, body);
                if (Object.keys(patch).length === 0) setEditing(false);
                else save.mutate(patch);
              }}
            />
          </Stack>
        </Paper>
      ) : (
        sectionsFor(session.role).map(({ id, Component }) => (
          <Component key={id} detail={detail} canEdit={canEdit} />
        ))
      )}

      <Modal opened={confirmOpen} onClose={confirm.close} title={t('profile.deleteTitle')} centered>
        <Stack gap="md">
          <Text size="sm">{t('profile.deleteBody', { name: company.nameZh, code: company.creditCode })}</Text>
          {remove.isError ? (
            <Alert color="red" data-testid="delete-error">
              {isApiError(remove.error) ? (remove.error.detail ?? remove.error.title) : String(remove.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close} disabled={remove.isPending}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => remove.mutate()}
              loading={remove.isPending}
              data-testid="company-delete-confirm"
            >
              {t('profile.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
