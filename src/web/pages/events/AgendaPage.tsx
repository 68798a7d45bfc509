import { Button, Skeleton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useEvent, useItinerary, useSiteDetails } from '../../api/events.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatTime } from './time.ts';

// The sheet handed to guests: plain black on white, A4, both languages side by side; the print button is screen-only.
const printCss = `
.agenda { font-family: "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #000; background: #fff;
  max-width: 190mm; margin: 0 auto; padding: 12mm 0; }
.agenda h1 { font-size: 20pt; margin: 0; }
.agenda h2 { font-size: 13pt; margin: 8mm 0 2mm; border-bottom: 1px solid #000; }
.agenda .en { color: #333; font-size: 10pt; }
.agenda table { width: 100%; border-collapse: collapse; font-size: 10.5pt; }
.agenda td, .agenda th { border-bottom: 1px solid #bbb; padding: 2mm 1mm; text-align: left; vertical-align: top; }
.agenda .time { white-space: nowrap; width: 28mm; }
@media print {
  @page { size: A4; margin: 12mm; }
  .agenda-screen-only { display: none !important; }
  .agenda { padding: 0; max-width: none; }
  .agenda h2, .agenda tr { break-inside: avoid; }
}
`;

/** A printable bilingual agenda for guests: each group's stops with times, sites, addresses and hosts. */
export function AgendaPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const event = useEvent(id);
  const itinerary = useItinerary(id);
  const sites = useSiteDetails();
  if (event.isError) return <ErrorState error={event.error} />;
  if (itinerary.isError) return <ErrorState error={itinerary.error} />;
  if (sites.isError) return <ErrorState error={sites.error} />;
  if (!event.data || !itinerary.data || !sites.data) return <Skeleton h={300} />;
  const e = event.data.event;
  // Guests read both languages on one sheet, whichever language the officer printing it uses.
  const both = (key: string, options: Record<string, unknown> = {}) =>
    `${t(key, { ...options, lng: 'zh-CN' })} ${t(key, { ...options, lng: 'en' })}`;
  const byId = new Map(sites.data.map((s) => [s.id, s]));
  const zh = (iso: string) =>
    new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'full' }).format(new Date(iso));
  const en = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'full' }).format(new Date(iso));
  return (
    <div className="agenda" data-testid="agenda">
      <style>{printCss}</style>
      <div className="agenda-screen-only" style={{ marginBottom: 16 }}>
        <Button onClick={() => window.print()} data-testid="agenda-print">
          {t('events.agenda.print')}
        </Button>
      </div>
      <h1>{e.titleZh}</h1>
      {e.titleEn ? <div className="en">{e.titleEn}</div> : null}
      <p>
        {zh(e.startsAt)} {formatTime(e.startsAt, i18n.language)}–{formatTime(e.endsAt, i18n.language)}
        <br />
        <span className="en">{en(e.startsAt)}</span>
        {e.host ? (
          <>
            <br />
            {both('events.agenda.host')}: {e.host}
          </>
        ) : null}
      </p>
      {itinerary.data.groups.map((g) => (
        <section key={g.id} data-testid="agenda-group">
          <h2>
            {g.name} <span className="en">({both('events.agenda.people', { count: g.headCount })})</span>
          </h2>
          <table>
            <thead>
              <tr>
                <th className="time">{both('events.agenda.time')}</th>
                <th>{both('events.agenda.site')}</th>
                <th>{both('events.agenda.addressHost')}</th>
              </tr>
            </thead>
            <tbody>
              {g.stops.map((s) => {
                const site = byId.get(s.siteId);
                return (
                  <tr key={s.id} data-testid="agenda-stop">
                    <td className="time">
                      {formatTime(s.startsAt, 'zh-CN')}–{formatTime(s.endsAt, 'zh-CN')}
                    </td>
                    <td>
                      <strong>{site?.nameZh}</strong>
                      {site?.nameEn ? <div className="en">{site.nameEn}</div> : null}
                      {site?.introZh ? <div>{site.introZh}</div> : null}
                      {site?.introEn ? <div className="en">{site.introEn}</div> : null}
                    </td>
                    <td>
                      {site?.address ?? ''}
                      {site?.hostName ? (
                        <div>
                          {site.hostName} {site.hostPhone ?? ''}
                        </div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
