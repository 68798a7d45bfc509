import { describe, expect, it } from 'vitest';
import { oleType, ooxmlType, sniffContainer } from './document-type.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('document type from the bytes', () => {
  it('knows the accepted containers by their magic numbers', () => {
    expect(sniffContainer(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffContainer(bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toBe('zip');
    expect(sniffContainer(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe('ole');
    expect(sniffContainer(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniffContainer(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
  });

  it('refuses text, executables and anything short', () => {
    expect(sniffContainer(new TextEncoder().encode('合作协议 plain text'))).toBeNull();
    expect(sniffContainer(bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull();
    expect(sniffContainer(bytes(0x25, 0x50))).toBeNull();
    expect(sniffContainer(bytes())).toBeNull();
  });

  it('takes a zip only when its content types name an Office main part', () => {
    const docx =
      '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
    expect(ooxmlType(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const xlsx =
      '<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';
    expect(ooxmlType(xlsx)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(ooxmlType('<Types><Default Extension="xml" ContentType="application/xml"/></Types>')).toBeNull();
    expect(ooxmlType(null)).toBeNull();
  });

  it('names an OLE file by its extension, and only .doc, .xls and .ppt', () => {
    expect(oleType('合同.DOC')).toBe('application/msword');
    expect(oleType('台账.xls')).toBe('application/vnd.ms-excel');
    expect(oleType('setup.msi')).toBeNull();
  });
});
