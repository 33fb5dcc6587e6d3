import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface XlsxColumn<T> {
  header: string;
  width?: number;
  value: (row: T, index: number) => string | number | null | undefined;
}

export interface XlsxSheet<T> {
  name: string;
  /** An optional title row above the header, as 台账 usually have. */
  title?: string;
  columns: Array<XlsxColumn<T>>;
  rows: T[];
}

/** A real .xlsx (opens in Excel, WPS and LibreOffice) with a bold, frozen header row. */
export async function buildXlsx<T>(sheet: XlsxSheet<T>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xianfeng 先锋';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheet.name);
  let headerRow = 1;
  if (sheet.title) {
    ws.addRow([sheet.title]);
    ws.mergeCells(1, 1, 1, Math.max(1, sheet.columns.length));
    const t = ws.getRow(1);
    t.font = { bold: true, size: 14 };
    t.alignment = { horizontal: 'center' };
    headerRow = 2;
  }
  ws.addRow(sheet.columns.map((c) => c.header));
  const h = ws.getRow(headerRow);
  h.font = { bold: true };
  h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
  sheet.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width ?? Math.max(10, c.header.length * 2 + 2);
  });
  sheet.rows.forEach((row, i) => ws.addRow(sheet.columns.map((c) => c.value(row, i) ?? '')));
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends a file download with a Chinese file name that every browser decodes. */
export function sendFile(reply: FastifyReply, filename: string, contentType: string, body: Buffer): FastifyReply {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
