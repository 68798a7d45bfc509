import { Paper, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type CompanyDetail, companyKeys, createCompany } from '../../api/companies.ts';
import { CompanyForm } from './CompanyForm.tsx';
import { createBody, EMPTY_COMPANY_FORM } from './companyForm.ts';
import { RegistrySubpageHeader } from './RegistrySubpageHeader.tsx';

/** Adds one company to the registry by hand; the server checks it as it checks an imported row. */
export function NewCompanyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({ mutationFn: createCompany });

  return (
    <Stack gap="lg">
      <RegistrySubpageHeader
        crumb={t('registry.newCompany')}
        title={t('companyForm.newTitle')}
        description={t('companyForm.newDescription')}
      />
      <Paper withBorder p="md" radius="md">
        <CompanyForm
          initial={EMPTY_COMPANY_FORM}
          submitLabel={t('companyForm.create')}
          pending={create.isPending}
          error={create.error}
          onCancel={() => void navigate('/companies')}
          onSubmit={(body) =>
            create.mutate(createBody(body), {
              onSuccess: (company) => {
                queryClient.setQueryData<CompanyDetail>(companyKeys.detail(company.id), {
                  company,
                  likelyDuplicates: [],
                  similarNames: [],
                });
                void queryClient.invalidateQueries({ queryKey: companyKeys.all });
                void navigate(`/companies/${company.id}`, { replace: true });
              },
            })
          }
        />
      </Paper>
    </Stack>
  );
}
