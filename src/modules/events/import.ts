import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { TenantTx } from '../../db/scope.ts';
import { Problem } from '../../domain/problem.ts';
import type { AuditActor } from '../audit/service.ts';
import { partnerIdsByName } from '../partners/service.ts';
import { addAttendeesInBulk, attendeeValues } from './attendees.ts';
import { eventAttendees, eventOrganisations } from './schema.ts';
import { inviteOrganisationsInBulk } from './service.ts';

export const maxAttendeeFileBytes = 5 * 1024 * 1024;
export const maxAttendeeRows = 5000;

/** Column headers a list may use, in Chinese or English; matched case- and space-insensitively. */
const aliases: Record<string, string[]> = {
  name: ['name', '姓名', 'full name'],
  organisation: ['organisation', 'organization', 'company', '单位', '单位名称', '机构', '工作单位'],
  title: ['title', 'position', '职务', '职位'],
  phone: ['phone', 'mobile', '电话', '手机', '联系电话'],
  email: ['email', 'e-mail', '邮箱', '电子邮箱'],
  rsvp: ['rsvp', '回执'],
};
const rsvpWords: Record<string, string> = {
  accepted: 'accepted',
  yes: 'accepted',
  参加: 'accepted',
  确认: 'accepted',
  declined: 'declined',
  no: 'declined',
  不参加: 'declined',
  pending: 'pending',
  待定: 'pending',
  '': 'pending',
};

export interface RowError {
  row: number;
  message: string;
}

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    if (value instanceof Date) return value.toISOString();
  }
  return String(value).trim();
};

const refuse = (message: string, errors: RowError[] = []) =>
  new Problem(422, 'import-rejected', message, { errors });

/** Reads the first sheet: a header row, then one person a row. */
async function readSheet(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new Problem(400, 'not-xlsx', 'the file is not an .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw refuse('the workbook has no sheet');
  const header = sheet.getRow(1);
  const columns = new Map<string, number>();
  header.eachCell((cell, col) => {
    const label = cellText(cell.value).toLowerCase().replace(/\s+/g, ' ');
    for (const [field, names] of Object.entries(aliases)) if (names.includes(label)) columns.set(field, col);
  });
  if (!columns.has('name')) throw refuse('no name column (姓名 / name) in the first row');
  const rows: { row: number; fields: Record<string, string> }[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const fields: Record<string, string> = {};
    for (const [field, col] of columns) fields[field] = cellText(row.getCell(col).value);
    if (Object.values(fields).some(Boolean)) rows.push({ row: number, fields });
  });
  return rows;
}

/**
 * Imports a list of attendees from XLSX, all or nothing: every row is checked first (a name, a well-formed
 * e-mail, a known RSVP, and each person once — on the file and against the list already there), and one bad row
 * refuses the whole file with the reason of every bad row. Organisations are matched to those already invited,
 * then to the tenant's partners by name, else invited by name.
 */
export async function importAttendees(tx: TenantTx, actor: AuditActor, eventId: string, buffer: Buffer) {
  const rows = await readSheet(buffer);
  if (!rows.length) throw refuse('the sheet has no attendees below its header row');
  if (rows.length > maxAttendeeRows) throw refuse(`a list takes at most ${maxAttendeeRows} people`);

  const invited = new Map(
    (
      await tx
        .select({ id: eventOrganisations.id, name: eventOrganisations.name })
        .from(eventOrganisations)
        .where(eq(eventOrganisations.eventId, eventId))
    ).map((o) => [o.name, o.id]),
  );
  const listed = new Map(
    (
      await tx
        .select({ key: eventAttendees.listKey })
        .from(eventAttendees)
        .where(eq(eventAttendees.eventId, eventId))
    ).map((a) => [a.key, 0]),
  );

  const errors: RowError[] = [];
  const accepted: {
    values: NonNullable<ReturnType<typeof attendeeValues>['values']>;
    organisation: string;
  }[] = [];
  for (const { row, fields } of rows) {
    const rsvp = rsvpWords[(fields.rsvp ?? '').toLowerCase()];
    if (rsvp === undefined) {
      errors.push({
        row,
        message: `RSVP "${fields.rsvp}" is not one of accepted, declined, pending (参加, 不参加, 待定)`,
      });
      continue;
    }
    const organisation = (fields.organisation ?? '').trim();
    const checked = attendeeValues(
      {
        name: fields.name ?? '',
        title: fields.title,
        phone: fields.phone,
        email: fields.email,
        rsvp,
        invitation: 'sent',
      },
      organisation || null,
    );
    if (checked.error !== undefined) {
      errors.push({ row, message: checked.error });
      continue;
    }
    const seen = listed.get(checked.values.listKey);
    if (seen !== undefined) {
      errors.push({
        row,
        message: seen
          ? `${checked.values.name} is on the list twice (rows ${seen} and ${row})`
          : `${checked.values.name} is already on the event's list`,
      });
      continue;
    }
    listed.set(checked.values.listKey, row);
    accepted.push({ values: checked.values, organisation });
  }
  if (errors.length)
    throw refuse(`${errors.length} of ${rows.length} rows cannot be imported; nothing was`, errors);

  const names = [...new Set(accepted.map((a) => a.organisation).filter((n) => n && !invited.has(n)))];
  const partnerIds = await partnerIdsByName(tx);
  const added = await inviteOrganisationsInBulk(
    tx,
    actor,
    eventId,
    names.map((name) => ({ name, partnerId: partnerIds.get(name) ?? null, companyId: null })),
  );
  for (const row of added) invited.set(row.name, row.id);
  const imported = await addAttendeesInBulk(
    tx,
    actor,
    eventId,
    accepted.map((a) => ({
      ...a.values,
      organisationId: a.organisation ? (invited.get(a.organisation) ?? null) : null,
    })),
  );
  return { imported, organisationsAdded: added.length };
}
