import type { MessageSchema } from './schema';
import * as admin from './features/admin';
import * as alerts from './features/alerts';
import * as analytics from './features/analytics';
import * as auth from './features/auth';
import * as bulletins from './features/bulletins';
import * as charts from './features/charts';
import * as copies from './features/copies';
import * as notifications from './features/notifications';
import * as rectification from './features/rectification';
import * as report from './features/report';
import * as todo from './features/todo';
import * as upload from './features/upload';

const en: MessageSchema = {
  app: {
    name: 'Disclosure Atlas',
  },
  language: {
    self: 'English',
    switch: 'Switch language',
  },
  dialog: {
    cancel: 'Cancel',
    close: 'Close',
  },
  nav: {
    overview: 'Overview',
    trends: 'Trends',
    compare: 'Compare',
    yoy: 'Year over Year',
    breakdown: 'Requests and outcomes',
    quality: 'Compliance & Quality',
    reports: 'Reports',
    upload: 'Upload',
    admin: 'Administration',
    reportDetail: 'Report',
    rectifications: 'Rectifications',
    bulkImport: 'Bulk import',
    todo: 'My to-do',
    password: 'Set your password',
    rules: 'Check rules',
    alerts: 'Alerts',
  },
  pages: {
    todo: "Your agency's report deadline and the reports waiting for you",
    overview: 'Submission status and key indicators of every agency and year at a glance',
    trends:
      'Multi-year trends of proactive disclosure, request outcomes, administrative reconsideration and litigation, inspection pass rates and more',
    compare: 'Side-by-side comparison and ranking of agencies on each indicator for one year',
    yoy: 'Increase or decrease of each indicator against the previous year, per agency',
    breakdown: 'Requests by kind of applicant and how they ended (table 3, summed over the scope)',
    quality:
      'Format and section compliance checks, cross-table consistency checks and a list of data quality issues',
    reports: 'Uploaded annual reports: list, original text and parsed results',
    upload:
      "Upload your agency's annual disclosure report and review the parsed result before submitting",
    admin: 'Maintenance of the agency tree, user accounts and roles',
  },
  notFound: {
    title: 'Page not found',
    description:
      'The page you requested does not exist or has been removed. Please check the address.',
    back: 'Back to overview',
  },
  layout: {
    collapse: 'Collapse sidebar',
    expand: 'Expand sidebar',
  },
  system: {
    checking: 'Checking',
    ok: 'System OK',
    dbDown: 'Database unavailable',
    unreachable: 'Connection failed',
    version: 'Version {version}',
    versionShort: 'v{version}',
  },
  rules: {
    intro: 'Every finding names one of these rules: what it checks, which cells or parts it reads, and its source.',
    failed: 'Could not load the rules; reload to try again',
    looksAt: 'Reads',
    source: 'Source',
    scope: { report: 'One report', crossReport: "Against other reports (last year's, the region's)", submission: 'On submission (deadline, agencies below)', parse: 'While reading the document' },
    severity: { error: 'Error', warning: 'Warning' },
    sourceKind: { regulation: 'Regulations', notice: 'National notice', template: 'Official format', practice: 'Practice' },
    link: 'Check rules',
  },
  errors: {
    network: 'Cannot reach the server. Check the network and try again.',
    http: 'Request failed (HTTP {status})',
  },
  admin: admin.en,
  alerts: alerts.en,
  analytics: analytics.en,
  auth: auth.en,
  bulletins: bulletins.en,
  charts: charts.en,
  copies: copies.en,
  notifications: notifications.en,
  rectification: rectification.en,
  report: report.en,
  todo: todo.en,
  upload: upload.en,
};

export default en;
