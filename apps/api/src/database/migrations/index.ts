import { CreateAppSettings1764230400000 } from './1764230400000-create-app-settings';
import { CreateAgencies1764300000000 } from './1764300000000-create-agencies';
import { CreateAccountsAndAudit1764300100000 } from './1764300100000-create-accounts-and-audit';
import { CreateReports1764300200000 } from './1764300200000-create-reports';
import { CreateImports1764300300000 } from './1764300300000-create-imports';
import { CreateAnalytics1764300400000 } from './1764300400000-create-analytics';
import { RankedValuesCarryAgencyCode1764400000000 } from './1764400000000-ranked-values-carry-agency-code';
import { CreateAnalyticsExpected1764400100000 } from './1764400100000-create-analytics-expected';
import { RecountExpectedOnRelevantUpdates1764400200000 } from './1764400200000-recount-expected-on-relevant-updates';
import { ReportReopenAndCorrectionChanges1764512000000 } from './1764512000000-report-reopen-and-correction-changes';
import { UsersMustChangePassword1764600000000 } from './1764600000000-users-must-change-password';
import { CreateNotifications1764700000000 } from './1764700000000-create-notifications';
import { AnalyticsProjectionOwnsItsTables1764800000000 } from './1764800000000-analytics-projection-owns-its-tables';
import { CreateImportPreviews1764900000000 } from './1764900000000-create-import-previews';
import { CreateAuthThrottle1765100000000 } from './1765100000000-create-auth-throttle';
import { CreateRectification1765200000000 } from './1765200000000-create-rectification';
import { CreateAlerts1765300000000 } from './1765300000000-create-alerts';
import { CompactReportCells1765400000000 } from './1765400000000-compact-report-cells';

/** Applied in this order; append new migrations, never edit applied ones. */
export const MIGRATIONS = [
  CreateAppSettings1764230400000,
  CreateAgencies1764300000000,
  CreateAccountsAndAudit1764300100000,
  CreateReports1764300200000,
  CreateImports1764300300000,
  CreateAnalytics1764300400000,
  RankedValuesCarryAgencyCode1764400000000,
  CreateAnalyticsExpected1764400100000,
  RecountExpectedOnRelevantUpdates1764400200000,
  ReportReopenAndCorrectionChanges1764512000000,
  UsersMustChangePassword1764600000000,
  CreateNotifications1764700000000,
  AnalyticsProjectionOwnsItsTables1764800000000,
  CreateImportPreviews1764900000000,
  CreateAuthThrottle1765100000000,
  CreateRectification1765200000000,
  CreateAlerts1765300000000,
  CompactReportCells1765400000000,
];
