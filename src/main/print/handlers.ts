import { mkdir } from 'node:fs/promises';
import type { printChannels } from '../../shared/print/channels';
import type { FeatureHandlers } from '../ipc/registry';
import { renderFormHtml } from './templates/forms';
import type { MainServices } from '../services';
import type { Settings } from '../../shared/settings/channels';

export function printHandlers(s: Pick<MainServices, 'print' | 'auth' | 'printedDir' | 'openFolder'> & { settings: { get(): Settings } }): FeatureHandlers<typeof printChannels> {
  return {
    'print:receipt': (req) => {
      s.auth.require('print.document');
      return s.print.printReceipt(req);
    },
    'print:daySchedule': (req) => {
      s.auth.require('print.document');
      return s.print.printDaySchedule(req);
    },
    'print:appointmentCard': (req) => {
      s.auth.require('print.document');
      return s.print.printAppointmentCard(req);
    },
    'print:reminderList': (req) => {
      s.auth.require('print.document');
      return s.print.printReminderList(req);
    },
    'print:form': (req) => {
      s.auth.require('print.document');
      return s.print.printForm(req);
    },
    'print:formPreview': (req) => ({ html: renderFormHtml(req, { copy: false, paper: s.settings.get().documentPaper }) }),
    'print:signedForm': async (req) => {
      s.auth.require('print.document');
      const { pdf, ...result } = await s.print.keepSignedForm(req);
      return { ...result, pdf: Buffer.from(pdf).toString('base64') };
    },
    'print:visitSummary': (req) => {
      s.auth.require('print.document');
      return s.print.printVisitSummary(req);
    },
    'print:daySheet': (req) => {
      s.auth.require('print.document');
      return s.print.printDaySheet(req);
    },
    'print:statement': (req) => {
      s.auth.require('print.document');
      return s.print.printStatement(req);
    },
    'print:formPacket': (req) => {
      s.auth.require('print.document');
      return s.print.printFormPacket(req);
    },
    'print:cardCopy': (req) => {
      s.auth.require('print.document');
      return s.print.printCardCopy(req);
    },
    'print:labels': (req) => {
      s.auth.require('print.document');
      return s.print.printLabels(req);
    },
    'print:list': (req) => s.print.list(req.limit, { patientId: req.patientId, day: req.day, kind: req.kind }),
    'print:reprint': (req) => {
      s.auth.require('print.document');
      return s.print.reprint(req.id);
    },
    'print:send': (req) => {
      s.auth.require('print.document');
      return s.print.send(req.id);
    },
    'print:printers': () => s.print.listPrinters(),
    'print:jobs': () => s.print.listJobs(),
    'print:cancelJob': (req) => {
      s.auth.require('print.document');
      return s.print.cancelJob(req.id);
    },
    'print:retryJob': (req) => {
      s.auth.require('print.document');
      return s.print.retryJob(req.id);
    },
    'print:moveJob': (req) => {
      s.auth.require('print.document');
      return s.print.moveJob(req.id, req.printer);
    },
    'print:testPage': (req) => {
      s.auth.require('print.document');
      const { clinic } = s.settings.get();
      return s.print.printTestPage(req.to, { clinicName: clinic.name, timeZone: clinic.timeZone });
    },
    'print:openFolder': async () => {
      if (!s.openFolder) return { path: s.printedDir, opened: false };
      await mkdir(s.printedDir, { recursive: true });
      await s.openFolder(s.printedDir);
      return { path: s.printedDir, opened: true };
    },
  };
}
