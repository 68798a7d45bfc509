import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import yauzl from 'yauzl';
import type { TenantTx } from '../../db/scope.ts';
import {
  maxAttachmentBytes,
  oleType,
  ooxmlType,
  simpleTypes,
  sniffContainer,
} from '../../domain/document-type.ts';
import { notFound, Problem } from '../../domain/problem.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { agreementAttachments } from './schema.ts';

// Documents of an agreement. The bytes live in the database so a backup carries them; the audit trail keeps
// what was stored (name, type, size, checksum), not the bytes again.

const notADocument = (why: string) =>
  new Problem(
    415,
    'not-a-document',
    `${why}: attach a PDF, Word, Excel or PowerPoint file, or a JPEG or PNG scan`,
  );

export const tooLarge = () =>
  new Problem(
    413,
    'attachment-too-large',
    `an attachment may be at most ${maxAttachmentBytes / 1024 / 1024} MB`,
  );

/** The [Content_Types].xml of a zip, or null when the zip is damaged or has none. Read with a size cap. */
async function contentTypesXml(bytes: Buffer): Promise<string | null> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, autoClose: false });
  } catch {
    return null;
  }
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== '[Content_Types].xml') continue;
      if (entry.uncompressedSize > 1024 * 1024) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return null;
  } catch {
    return null;
  } finally {
    zip.close();
  }
}

/** The content type the bytes prove, or a 415 problem naming why the file is not a document. */
export async function documentType(bytes: Buffer, fileName: string): Promise<string> {
  const container = sniffContainer(bytes.subarray(0, 16));
  if (container === null) throw notADocument('the file is not a document');
  if (container === 'zip') {
    const type = ooxmlType(await contentTypesXml(bytes));
    if (!type) throw notADocument('the file is a zip archive, not an Office document');
    return type;
  }
  if (container === 'ole') {
    const type = oleType(fileName);
    if (!type) throw notADocument('an Office 97-2003 file must be named .doc, .xls or .ppt');
    return type;
  }
  return simpleTypes[container];
}

type AttachmentRow = typeof agreementAttachments.$inferSelect;
export type AttachmentMeta = Omit<AttachmentRow, 'content' | 'tenantId'>;

export function presentAttachment(row: AttachmentMeta) {
  return {
    id: row.id,
    agreementId: row.agreementId,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedByEmail: row.uploadedByEmail,
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

const meta = {
  id: agreementAttachments.id,
  agreementId: agreementAttachments.agreementId,
  fileName: agreementAttachments.fileName,
  contentType: agreementAttachments.contentType,
  sizeBytes: agreementAttachments.sizeBytes,
  sha256: agreementAttachments.sha256,
  uploadedBy: agreementAttachments.uploadedBy,
  uploadedByEmail: agreementAttachments.uploadedByEmail,
  uploadedAt: agreementAttachments.uploadedAt,
};

/** A base name without path or control characters, as the download will offer it. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200);
  return clean || 'document';
}

export async function addAttachment(
  tx: TenantTx,
  actor: AuditActor,
  agreementId: string,
  file: { fileName: string; bytes: Buffer },
  when: { at?: Date } = {},
) {
  if (file.bytes.length > maxAttachmentBytes) throw tooLarge();
  if (file.bytes.length === 0) throw notADocument('the file is empty');
  const fileName = cleanName(file.fileName);
  const contentType = await documentType(file.bytes, fileName);
  const [row] = await tx
    .insert(agreementAttachments)
    .values({
      tenantId: actor.tenantId,
      agreementId,
      fileName,
      contentType,
      sizeBytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      content: file.bytes,
      uploadedBy: actor.userId,
      uploadedByEmail: actor.email,
      uploadedAt: when.at ?? new Date(),
    })
    .returning(meta);
  const created = row as AttachmentMeta;
  await recordAudit(tx, actor, {
    entity: 'agreement_attachments',
    entityId: created.id,
    action: 'create',
    before: null,
    after: created,
  });
  return created;
}

export async function listAttachments(tx: TenantTx, agreementId: string) {
  return tx
    .select(meta)
    .from(agreementAttachments)
    .where(eq(agreementAttachments.agreementId, agreementId))
    .orderBy(asc(agreementAttachments.uploadedAt));
}

export async function getAttachment(tx: TenantTx, agreementId: string, id: string) {
  const [row] = await tx
    .select()
    .from(agreementAttachments)
    .where(and(eq(agreementAttachments.id, id), eq(agreementAttachments.agreementId, agreementId)));
  if (!row) throw notFound('attachment');
  return row;
}

export async function deleteAttachment(tx: TenantTx, actor: AuditActor, agreementId: string, id: string) {
  const [row] = await tx
    .delete(agreementAttachments)
    .where(and(eq(agreementAttachments.id, id), eq(agreementAttachments.agreementId, agreementId)))
    .returning(meta);
  if (!row) throw notFound('attachment');
  await recordAudit(tx, actor, {
    entity: 'agreement_attachments',
    entityId: id,
    action: 'delete',
    before: row,
    after: null,
  });
}
