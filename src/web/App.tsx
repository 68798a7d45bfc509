import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { RequireAuth, RequireRole } from './auth/RequireAuth.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { CompaniesPage } from './pages/companies/CompaniesPage.tsx';
import { CompanyProfilePage } from './pages/companies/CompanyProfilePage.tsx';
import { ImportPage } from './pages/companies/ImportPage.tsx';
import { NewCompanyPage } from './pages/companies/NewCompanyPage.tsx';
import { REGISTRY_READ_ROLES, REGISTRY_WRITE_ROLES } from './pages/companies/roles.ts';
import { DivisionsPage } from './pages/DivisionsPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { IndustriesPage } from './pages/IndustriesPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PartnerPortalPage } from './pages/portal/PartnerPortalPage.tsx';
import { ProjectBoardPage } from './pages/projects/board/ProjectBoardPage.tsx';
import { PipelineFunnelPage } from './pages/projects/funnel/PipelineFunnelPage.tsx';
import { ProjectImportPage } from './pages/projects/ProjectImportPage.tsx';
import { ProjectPage } from './pages/projects/ProjectPage.tsx';
import { ProjectsPage } from './pages/projects/ProjectsPage.tsx';
import { PIPELINE_NOTES_ROLES, PIPELINE_READ_ROLES, PIPELINE_WRITE_ROLES } from './pages/projects/roles.ts';

export function App() {
  const { t, i18n } = useTranslation();

  useEffect(() => {
    document.title = t('app.title', { lng: i18n.language });
  }, [t, i18n.language]);

  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route
          path="portal"
          element={
            <RequireRole roles={['partner']}>
              <PartnerPortalPage />
            </RequireRole>
          }
        />
        <Route
          path="projects"
          element={
            <RequireRole roles={PIPELINE_READ_ROLES}>
              <ProjectsPage />
            </RequireRole>
          }
        />
        <Route
          path="projects/board"
          element={
            <RequireRole roles={PIPELINE_READ_ROLES}>
              <ProjectBoardPage />
            </RequireRole>
          }
        />
        <Route
          path="projects/funnel"
          element={
            <RequireRole roles={PIPELINE_NOTES_ROLES}>
              <PipelineFunnelPage />
            </RequireRole>
          }
        />
        <Route
          path="projects/import"
          element={
            <RequireRole roles={PIPELINE_WRITE_ROLES}>
              <ProjectImportPage />
            </RequireRole>
          }
        />
        <Route
          path="projects/:id"
          element={
            <RequireRole roles={PIPELINE_READ_ROLES}>
              <ProjectPage />
            </RequireRole>
          }
        />
        <Route
          path="companies"
          element={
            <RequireRole roles={REGISTRY_READ_ROLES}>
              <CompaniesPage />
            </RequireRole>
          }
        />
        <Route
          path="companies/new"
          element={
            <RequireRole roles={REGISTRY_WRITE_ROLES}>
              <NewCompanyPage />
            </RequireRole>
          }
        />
        <Route
          path="companies/import"
          element={
            <RequireRole roles={REGISTRY_WRITE_ROLES}>
              <ImportPage />
            </RequireRole>
          }
        />
        <Route
          path="companies/:id"
          element={
            <RequireRole roles={REGISTRY_READ_ROLES}>
              <CompanyProfilePage />
            </RequireRole>
          }
        />
        <Route path="reference/divisions" element={<DivisionsPage />} />
        <Route path="reference/industries" element={<IndustriesPage />} />
        <Route
          path="audit"
          element={
            <RequireRole roles={['admin']}>
              <AuditPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
