import { Anchor, Box, Button, Group, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { addDays, bureauTimeZone, civilDate } from '../../../domain/calendar.ts';
import { type Cockpit, type CockpitQuery, useCockpit } from '../../api/dashboard.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useMoneyFormat } from '../../components/Money.tsx';
import { pickName } from '../../i18n/index.ts';
import { LanguageSwitch } from '../../layout/LanguageSwitch.tsx';
import { usePipelineLabels } from '../projects/labels.ts';
import { useTargetScope, useTargetValue } from './CockpitBoard.tsx';
import { useScopeLine } from './CockpitPage.tsx';
import { cockpitQueryFromParams, cockpitQueryToParams, monthWithin } from './cockpitView.ts';

// Printed on A4: the controls stay on screen, tables keep their rows together.
const printCss = `
@page { size: A4; margin: 14mm; }
@media print {
  .report-controls { display: none !important; }
  .report-page { padding: 0 !important; }
  .report-section { break-inside: avoid; }
  body { background: white; }
}
.report-page table { border-collapse: collapse; }
.report-page th, .report-page td { border: 1px solid #dee2e6; }
`;

/** The month a report is for: the month asked for, else the last whole month. */
export function reportMonth(params: URLSearchParams, today: string): string {
  const asked = params.get('month') ?? '';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(asked)) return asked;
  return addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Stack gap={6} className="report-section" data-testid={testId}>
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Figures({ month, year }: { month: Cockpit; year: Cockpit }) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat();
  const number = new Intl.NumberFormat(i18n.language);
  const percent = new Intl.NumberFormat(i18n.language, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const counts = [
    ['majorProjects', month.majorProjects, year.majorProjects],
    ['foreignFunded', month.foreignFunded, year.foreignFunded],
    ['headquarters', month.headquarters, year.headquarters],
    ['signed', month.signed, year.signed],
  ] as const;
  return (
    <Table withColumnBorders fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('cockpit.report.figure')}</Table.Th>
          <Table.Th ta="right">{t('cockpit.report.thisMonth')}</Table.Th>
          <Table.Th ta="right">{t('cockpit.report.yearToDate')}</Table.Th>
          <Table.Th ta="right">{t('cockpit.report.sameMonthLastYear')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr
          data-testid="report-row-newCompanies"
          data-month={month.newCompanies.companies}
          data-year={year.newCompanies.companies}
        >
          <Table.Td>{t('cockpit.newCompanies')}</Table.Td>
          <Table.Td ta="right">{number.format(month.newCompanies.companies)}</Table.Td>
          <Table.Td ta="right">{number.format(year.newCompanies.companies)}</Table.Td>
          <Table.Td ta="right">
            {number.format(month.newCompanies.previousYear)}
            {month.newCompanies.change === null ? '' : ` (${percent.format(month.newCompanies.change)})`}
          </Table.Td>
        </Table.Tr>
        {counts.map(([key, m, y]) => (
          <Table.Tr
            key={key}
            data-testid={`report-row-${key}`}
            data-month={m.projects}
            data-year={y.projects}
            data-month-yuan={m.amountYuan}
            data-year-yuan={y.amountYuan}
          >
            <Table.Td>{t(`cockpit.${key}`)}</Table.Td>
            <Table.Td ta="right">
              {number.format(m.projects)} · {money.short(m.amountYuan)}
            </Table.Td>
            <Table.Td ta="right">
              {number.format(y.projects)} · {money.short(y.amountYuan)}
            </Table.Td>
            <Table.Td ta="right">–</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Report({ month, year }: { month: Cockpit; year: Cockpit }) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat();
  const labels = usePipelineLabels();
  const scope = useTargetScope();
  const value = useTargetValue();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const name = (row: { nameZh: string | null; nameEn: string | null }, fallback: string) =>
    pickName(i18n.language, row.nameZh ?? fallback, row.nameEn);
  const yearTowns = new Map(year.registrationsByTown.map((r) => [r.town, r.companies]));
  return (
    <Stack gap="lg">
      <Section title={t('cockpit.report.figures')} testId="report-figures">
        <Figures month={month} year={year} />
      </Section>
      <Section title={t('cockpit.targets')} testId="report-targets">
        {year.targets.length ? (
          <Table withColumnBorders fz="sm">
            <Table.Tbody>
              {year.targets.map((target) => (
                <Table.Tr key={target.id} data-testid="report-target" data-actual={target.actual}>
                  <Table.Td>
                    {t(`cockpit.metrics.${target.metric}`)} · {scope(target)}
                  </Table.Td>
                  <Table.Td ta="right">{value(target.metric, target.actual)}</Table.Td>
                  <Table.Td ta="right">{value(target.metric, target.value)}</Table.Td>
                  <Table.Td ta="right">
                    {target.progress === null ? '–' : percent.format(target.progress)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm">{t('cockpit.noTargets', { year: year.period.until.slice(0, 4) })}</Text>
        )}
      </Section>
      <Group align="flex-start" grow>
        <Section title={t('cockpit.report.pipelineNow')} testId="report-pipeline">
          <Table withColumnBorders fz="sm">
            <Table.Tbody>
              {month.pipeline.map((s) => (
                <Table.Tr key={s.stage}>
                  <Table.Td>{labels.stage(s.stage)}</Table.Td>
                  <Table.Td ta="right">{s.projects}</Table.Td>
                  <Table.Td ta="right">{money.short(s.amountYuan)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        <Section title={t('cockpit.report.townsThisMonth')} testId="report-towns">
          <Table withColumnBorders fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cockpit.towns')}</Table.Th>
                <Table.Th ta="right">{t('cockpit.report.thisMonth')}</Table.Th>
                <Table.Th ta="right">{t('cockpit.report.yearToDate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...year.registrationsByTown]
                .sort((a, b) => b.companies - a.companies)
                .map((row) => (
                  <Table.Tr key={row.town}>
                    <Table.Td>{row.town ? name(row, row.town) : t('cockpit.noTown')}</Table.Td>
                    <Table.Td ta="right">
                      {month.registrationsByTown.find((m) => m.town === row.town)?.companies ?? 0}
                    </Table.Td>
                    <Table.Td ta="right">{yearTowns.get(row.town) ?? 0}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Section>
      </Group>
      <Group align="flex-start" grow>
        <Section title={t('cockpit.report.clustersYear')} testId="report-clusters">
          <Table withColumnBorders fz="sm">
            <Table.Tbody>
              {year.topClusters.map((row) => (
                <Table.Tr key={row.clusterId}>
                  <Table.Td>{name(row, row.clusterId)}</Table.Td>
                  <Table.Td ta="right">{row.projects}</Table.Td>
                  <Table.Td ta="right">{money.short(row.amountYuan)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        <Section title={t('cockpit.report.partnersYear')} testId="report-partners">
          <Table withColumnBorders fz="sm">
            <Table.Tbody>
              {year.partnerLeaderboard.map((row) => (
                <Table.Tr key={row.partnerId}>
                  <Table.Td>{name(row, row.partnerId)}</Table.Td>
                  <Table.Td ta="right">{row.projects}</Table.Td>
                  <Table.Td ta="right">{money.short(row.amountYuan)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      </Group>
    </Stack>
  );
}

/**
 * The monthly report: the month's figures beside the year so far, the targets, the pipeline, towns, clusters and
 * partners, laid out for A4 paper (print it, or save it as PDF from the browser's print dialog).
 */
export function CockpitReportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = civilDate(new Date(), bureauTimeZone);
  const month = reportMonth(params, today);
  const area: CockpitQuery = cockpitQueryFromParams(params);
  delete area.since;
  delete area.until;
  const days = monthWithin(month, `${month}-01`, today < `${month}-01` ? `${month}-01` : today);
  const monthly = useCockpit({ ...area, since: days.from, until: days.to });
  const yearly = useCockpit({ ...area, since: `${month.slice(0, 4)}-01-01`, until: days.to });
  const scopeLine = useScopeLine(monthly.data);
  const error = monthly.error ?? yearly.error;
  const back = cockpitQueryToParams(area).toString();
  return (
    <Box className="report-page" p="xl" maw={1100} mx="auto" data-testid="cockpit-report">
      <style>{printCss}</style>
      <Group justify="space-between" className="report-controls" mb="md">
        <Anchor component={Link} to={`/cockpit${back ? `?${back}` : ''}`}>
          {t('cockpit.report.back')}
        </Anchor>
        <Group gap="sm">
          <TextInput
            type="month"
            aria-label={t('cockpit.report.month')}
            value={month}
            onChange={(event) => {
              const next = new URLSearchParams(params);
              next.set('month', event.currentTarget.value);
              setParams(next, { replace: true });
            }}
            data-testid="report-month"
          />
          <LanguageSwitch />
          <Button onClick={() => window.print()} data-testid="report-print">
            {t('cockpit.report.print')}
          </Button>
        </Group>
      </Group>
      <Stack gap={2} mb="lg">
        <Title order={1} size="h2" data-testid="report-title">
          {t('cockpit.report.title', { year: month.slice(0, 4), month: Number(month.slice(5, 7)) })}
        </Title>
        <Text c="dimmed">
          {scopeLine} · {t('cockpit.report.generated', { date: today })}
        </Text>
      </Stack>
      {error ? (
        <ErrorState error={error} />
      ) : monthly.data && yearly.data ? (
        <Report month={monthly.data} year={yearly.data} />
      ) : (
        <Skeleton h={600} />
      )}
    </Box>
  );
}
