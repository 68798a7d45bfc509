/**
 * What an uploaded file really is, from its first bytes rather than its name or the browser's claim. Agreements
 * keep documents: PDF, Word, Excel and PowerPoint (both the OOXML zip formats and the older OLE compound files),
 * and JPEG or PNG scans of signed pages. Plain text is refused: nothing in its bytes says it is a document, and a
 * signed agreement is never one.
 */
export const maxAttachmentBytes = 20 * 1024 * 1024;

export type Container = 'pdf' | 'zip' | 'ole' | 'jpeg' | 'png';

const starts = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** The container the first bytes announce, or null for anything that is not one of the accepted kinds. */
export function sniffContainer(head: Uint8Array): Container | null {
  if (starts(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (starts(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  return null;
}

const ooxml: [string, string][] = [
  [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
  [
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
  [
    'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
];

/**
 * A zip is a document only when its [Content_Types].xml names the main part of a Word, Excel or PowerPoint file;
 * any other zip (an archive, a JAR) is refused.
 */
export function ooxmlType(contentTypesXml: string | null): string | null {
  if (contentTypesXml === null) return null;
  for (const [main, type] of ooxml) if (contentTypesXml.includes(`ContentType="${main}"`)) return type;
  return null;
}

const oleByExtension: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/** An OLE compound file holds Word, Excel or PowerPoint 97-2003; which one the name says, and nothing else is taken. */
export function oleType(fileName: string): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return oleByExtension[ext] ?? null;
}

export const simpleTypes: Record<'pdf' | 'jpeg' | 'png', string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
