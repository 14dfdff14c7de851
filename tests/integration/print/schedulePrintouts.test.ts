import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../../src/main/print/chromiumPdf';
import type { PdfRenderer } from '../../../src/main/print/pdf';
import { createPrintService, type PrintService } from '../../../src/main/print/printService';
import type { AppointmentCardData, DayScheduleData, ReminderListData } from '../../../src/shared/print/schedule';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PT_PER_INCH = 72;
const clinic = { name: 'Maple Street Family Clinic', address: '1200 Maple St, Suite 4, Springfield, IL 62704', phone: '(217) 555-0142' };

const day: DayScheduleData = {
  clinic,
  providerName: 'Dr. Ana Ruiz, MD',
  date: '2026-12-09',
  timeZone: 'America/Chicago',
  printedAt: '2026-12-09T13:30:00.000Z',
  printedBy: 'Dana Reyes',
  visits: Array.from({ length: 40 }, (_, i) => ({
    start: new Date(Date.parse('2026-12-09T14:00:00.000Z') + i * 15 * 60_000).toISOString(),
    end: new Date(Date.parse('2026-12-09T14:15:00.000Z') + i * 15 * 60_000).toISOString(),
    patientName: i === 3 ? `<b>O'Brien</b> & Sons, Pat` : `Patient ${String(i + 1).padStart(2, '0')}, Test`,
    birthDate: '1961-03-04',
    type: i % 3 === 0 ? 'New patient visit' : 'Follow-up',
    reason: i % 5 === 0 ? 'Knee pain, left' : '',
    status: i < 2 ? 'Arrived' : 'Booked',
    room: i % 2 ? 'Exam 2' : '',
    phone: '(555) 010-1234',
  })),
};
const card: AppointmentCardData = {
  clinic,
  patientName: 'Doe, Jane',
  timeZone: 'America/Chicago',
  visits: [
    { start: '2026-12-16T22:00:00.000Z', providerName: 'Lena Park, NP', type: 'Follow-up' },
    { start: '2027-01-06T15:30:00.000Z', providerName: 'Dr. Ana Ruiz, MD', type: 'Annual physical' },
  ],
  cancelNoticeHours: 24,
};

const calls: ReminderListData = {
  clinic,
  date: '2026-12-10',
  timeZone: 'America/Chicago',
  printedAt: '2026-12-09T22:00:00.000Z',
  printedBy: 'Dana Reyes',
  rows: [
    { time: '8:00 AM', patient: 'Doe, Jane', provider: 'Dr. Ana Ruiz, MD', phone: '(555) 010-1234 (mobile)', contact: 'Call, Text', texts: true, result: 'Confirmed' },
    { time: '8:20 AM', patient: '=cmd|"/c calc"!A0, Eve', provider: 'Lena Park, NP', phone: 'No phone on file', contact: 'Not asked', texts: false, result: '' },
  ],
};

describe.skipIf(!existsSync(CHROMIUM))('printed schedules', () => {
  let renderer: PdfRenderer;
  let dir: string;
  let service: PrintService;
  const shots = process.env['PRINT_SHOTS_DIR'];

  beforeAll(async () => {
    renderer = createChromiumPdfRenderer({ executablePath: CHROMIUM });
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-schedule-print-'));
    let n = 0;
    service = createPrintService({ dir, pdf: renderer, printer: null, getReceiptPrinter: () => 'Receipts', now: () => new Date('2026-12-09T13:30:00.000Z'), newId: () => `doc-${++n}` });
  });
  afterAll(async () => {
    await renderer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const read = async (file: string) => {
    const full = path.join(dir, file);
    const { stdout: text } = await run('pdftotext', ['-layout', full, '-']);
    const { stdout: info } = await run('pdfinfo', [full]);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    if (shots) await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', full, path.join(shots, path.basename(file, '.pdf'))]);
    return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), width: Number(size[1]), height: Number(size[2]) };
  };

  it('keeps a provider’s day on letter paper, every visit by time, escaped, and never on the receipt printer', async () => {
    const result = await service.printDaySchedule(day);
    expect(result.document).toMatchObject({ kind: 'day-schedule', title: 'Day schedule 2026-12-09 — Dr. Ana Ruiz, MD', fileName: '2026-12-09/day-schedule-doc-1.pdf' });
    expect(result).toMatchObject({ sentToPrinter: false, printerMessage: 'No document printer is set up; the schedule was saved as a PDF.' });
    const pdf = await read(result.document.fileName);
    expect(Math.abs(pdf.width - 8.5 * PT_PER_INCH)).toBeLessThan(1.5); // Chromium rounds page sizes to device units
    expect(Math.abs(pdf.height - 11 * PT_PER_INCH)).toBeLessThan(1.5); // Chromium rounds page sizes to device units
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.text).toContain('Dr. Ana Ruiz, MD');
    expect(pdf.text).toContain('Wednesday, December 9, 2026');
    expect(pdf.text).toContain('40 visits');
    expect(pdf.text).toMatch(/8:00\s*AM–8:15\s*AM\s+Patient 01, Test/);
    expect(pdf.text).toContain(`<b>O'Brien</b> & Sons, Pat`);
    expect(pdf.text).toContain('DOB 03/04/1961');
    expect(pdf.text).toMatch(/5:45\s*PM–6:00\s*PM\s+Patient 40, Test/);
    expect(pdf.text).toContain('Printed Dec 9, 2026, 7:30 AM CST by Dana Reyes');
  });

  it('keeps the patient’s card: next visits in the clinic’s time, address, phone and how to cancel; a reprint is marked', async () => {
    const result = await service.printAppointmentCard(card);
    const pdf = await read(result.document.fileName);
    expect(pdf.pages).toBe(1);
    expect(Math.abs(pdf.width - 5 * PT_PER_INCH)).toBeLessThan(1.5); // Chromium rounds page sizes to device units
    expect(Math.abs(pdf.height - 3.5 * PT_PER_INCH)).toBeLessThan(1.5); // Chromium rounds page sizes to device units
    for (const expected of ['Maple Street Family Clinic', '(217) 555-0142', 'YOUR NEXT APPOINTMENTS', 'Doe, Jane', 'Wednesday, December 16, 2026 at 4:00 PM', 'Follow-up with Lena Park, NP', 'Wednesday, January 6, 2027 at 9:30 AM', 'at least 24 hours before']) {
      expect(pdf.text.replace(/\s+/g, ' ')).toContain(expected);
    }
    const again = await service.reprint(result.document.id);
    expect(again.document.copies).toBe(1);
    const copy = await read(`2026-12-09/appointment-card-${result.document.id}-copy1.pdf`);
    expect(copy.text).toContain('COPY');
    expect((await service.list(10)).map((d) => d.kind).sort()).toEqual(['appointment-card', 'day-schedule']);
  });

  it('keeps the reminder call list of a day on letter paper, with the results so far and room to write the rest', async () => {
    const result = await service.printReminderList(calls);
    expect(result.document).toMatchObject({ kind: 'reminder-calls', title: 'Reminder calls 2026-12-10' });
    const pdf = await read(result.document.fileName);
    expect(pdf.pages).toBe(1);
    expect(Math.abs(pdf.width - 8.5 * PT_PER_INCH)).toBeLessThan(1.5);
    const text = pdf.text.replace(/\s+/g, ' ');
    for (const expected of ['Reminder calls', 'Thursday, December 10, 2026', '2 visits', 'Doe, Jane', '(555) 010-1234 (mobile)', 'Call, Text', 'Texts OK', 'Confirmed', '=cmd|"/c calc"!A0, Eve', 'Printed Dec 9, 2026, 4:00 PM CST by Dana Reyes']) {
      expect(text).toContain(expected);
    }
  });
});
