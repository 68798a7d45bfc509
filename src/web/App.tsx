import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { RequireAuth, RequireRole } from './auth/RequireAuth.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { EditAgreementPage, NewAgreementPage } from './pages/agreements/AgreementForm.tsx';
import { AgreementPage } from './pages/agreements/AgreementPage.tsx';
import { AgreementsPage } from './pages/agreements/AgreementsPage.tsx';
import { CockpitPage, CockpitScreenPage } from './pages/cockpit/CockpitPage.tsx';
import { CockpitReportPage } from './pages/cockpit/CockpitReportPage.tsx';
import { CompaniesPage } from './pages/companies/CompaniesPage.tsx';
import { CompanyProfilePage } from './pages/companies/CompanyProfilePage.tsx';
import { ImportPage } from './pages/companies/ImportPage.tsx';
import { NewCompanyPage } from './pages/companies/NewCompanyPage.tsx';
import { REGISTRY_READ_ROLES, REGISTRY_WRITE_ROLES } from './pages/companies/roles.ts';
import { DivisionsPage } from './pages/DivisionsPage.tsx';
import { AgendaPage } from './pages/events/AgendaPage.tsx';
import { CheckInPage } from './pages/events/CheckInPage.tsx';
import { EventPage } from './pages/events/EventPage.tsx';
import { EventsPage } from './pages/events/EventsPage.tsx';
import { EVENT_READ_ROLES } from './pages/events/roles.ts';
import { SitesPage } from './pages/events/SitesPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { IndustriesPage } from './pages/IndustriesPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PartnerPage } from './pages/partners/PartnerPage.tsx';
import { PartnersPage } from './pages/partners/PartnersPage.tsx';
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
      {/* The guests' agenda prints on its own, without the navigation around it. */}
      <Route
        path="/events/:id/agenda"
        element={
          <RequireAuth>
            <RequireRole roles={EVENT_READ_ROLES}>
              <AgendaPage />
            </RequireRole>
          </RequireAuth>
        }
      />
      <Route
        path="/cockpit/screen"
        element={
          <RequireAuth>
            <RequireRole roles={PIPELINE_NOTES_ROLES}>
              <CockpitScreenPage />
            </RequireRole>
          </RequireAuth>
        }
      />
      <Route
        path="/cockpit/report"
        element={
          <RequireAuth>
            <RequireRole roles={PIPELINE_NOTES_ROLES}>
              <CockpitReportPage />
            </RequireRole>
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route
          path="cockpit"
          element={
            <RequireRole roles={PIPELINE_NOTES_ROLES}>
              <CockpitPage />
            </RequireRole>
          }
        />
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
          path="partners"
          element={
            <RequireRole roles={PIPELINE_NOTES_ROLES}>
              <PartnersPage />
            </RequireRole>
          }
        />
        <Route
          path="partners/:id"
          element={
            <RequireRole roles={PIPELINE_NOTES_ROLES}>
              <PartnerPage />
            </RequireRole>
          }
        />
        <Route
          path="agreements"
          element={
            <RequireRole roles={PIPELINE_READ_ROLES}>
              <AgreementsPage />
            </RequireRole>
          }
        />
        <Route
          path="agreements/new"
          element={
            <RequireRole roles={PIPELINE_WRITE_ROLES}>
              <NewAgreementPage />
            </RequireRole>
          }
        />
        <Route
          path="agreements/:id"
          element={
            <RequireRole roles={PIPELINE_READ_ROLES}>
              <AgreementPage />
            </RequireRole>
          }
        />
        <Route
          path="agreements/:id/edit"
          element={
            <RequireRole roles={PIPELINE_WRITE_ROLES}>
              <EditAgreementPage />
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
        <Route
          path="events"
          element={
            <RequireRole roles={EVENT_READ_ROLES}>
              <EventsPage />
            </RequireRole>
          }
        />
        <Route
          path="events/:id"
          element={
            <RequireRole roles={EVENT_READ_ROLES}>
              <EventPage />
            </RequireRole>
          }
        />
        <Route
          path="events/:id/check-in"
          element={
            <RequireRole roles={EVENT_READ_ROLES}>
              <CheckInPage />
            </RequireRole>
          }
        />
        <Route
          path="sites"
          element={
            <RequireRole roles={EVENT_READ_ROLES}>
              <SitesPage />
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
