/**
 * Every endpoint of the API, as its OpenAPI document names it (method and path), with the
 * contract types of its query string, its body and its success answer. The API's integration test
 * (apps/api/test/api-contract.e2e-spec.ts) reads the generated document and fails when an
 * endpoint is missing here or left here, or when a schema's properties differ from the type's.
 */
export interface EndpointContract {
  /** The query string's type, when the endpoint takes one. */
  readonly query?: string;
  /** The body's type: JSON, or the fields of a multipart form (a file as `Blob`). */
  readonly body?: string;
  /** The success answer: a type, `Type[]` for a list, `file` for a download, `null` for none. */
  readonly response: string | null;
}

export const API_ENDPOINTS = {
  'GET /api/health': { response: 'HealthResponse' },
  'GET /api/system/info': { response: 'SystemInfo' },
  'GET /api/rules': { response: 'RuleDto[]' },

  'POST /api/auth/login': { body: 'LoginRequest', response: 'LoginResponse' },
  'POST /api/auth/logout': { response: null },
  'GET /api/auth/me': { response: 'UserDto' },
  'POST /api/auth/password': { body: 'ChangePasswordRequest', response: 'LoginResponse' },
  'GET /api/users': { response: 'UserDto[]' },
  'POST /api/users': { body: 'CreateUserRequest', response: 'UserDto' },
  'GET /api/users/{id}': { response: 'UserDto' },
  'PATCH /api/users/{id}': { body: 'UpdateUserRequest', response: 'UserDto' },

  'GET /api/agencies': { query: 'ListAgenciesQuery', response: 'AgencyDto[]' },
  'POST /api/agencies': { body: 'CreateAgencyRequest', response: 'AgencyDto' },
  'GET /api/agencies/tree': { response: 'AgencyTreeNode[]' },
  'GET /api/agencies/export': { query: 'ExportAgenciesQuery', response: 'file' },
  'POST /api/agencies/import': { body: 'AgencyImportRequest', response: 'AgencyImportResult' },
  'GET /api/agencies/{id}': { response: 'AgencyDto' },
  'PATCH /api/agencies/{id}': { body: 'UpdateAgencyRequest', response: 'AgencyDto' },
  'DELETE /api/agencies/{id}': { response: null },

  'GET /api/reports': { query: 'ReportListQuery', response: 'ReportPage' },
  'POST /api/reports': { body: 'UploadReportRequest', response: 'ReportWriteResult' },
  'POST /api/reports/preview': { body: 'PreviewReportRequest', response: 'ReportPreview' },
  'GET /api/reports/{id}': { response: 'ReportDetail' },
  'GET /api/reports/{id}/versions/{version}': { response: 'ReportVersionDetail' },
  'GET /api/reports/{id}/versions/{version}/original': { response: 'file' },
  'GET /api/reports/{id}/diff': { query: 'ReportDiffQuery', response: 'ReportDiff' },
  'GET /api/reports/{id}/history': { response: 'ReportEvent[]' },
  'GET /api/reports/{id}/copies': { response: 'ReportCopyComparison[]' },
  'GET /api/reports/copies': { query: 'CopiedReportsQuery', response: 'CopiedReportPage' },
  'PATCH /api/reports/{id}/cells': { body: 'CorrectCellsRequest', response: 'ReportWriteResult' },
  'POST /api/reports/{id}/submit': { response: 'ReportWriteResult' },
  'POST /api/reports/{id}/accept': { response: 'ReportWriteResult' },
  'POST /api/reports/{id}/return': { body: 'ReturnReportRequest', response: 'ReportWriteResult' },
  'POST /api/reports/{id}/reopen': { body: 'ReopenReportRequest', response: 'ReportWriteResult' },

  'GET /api/deadlines': { query: 'ListDeadlinesQuery', response: 'DeadlineList' },
  'PUT /api/deadlines': { body: 'SetDeadlineRequest', response: 'DeadlineDto' },
  'DELETE /api/deadlines/{id}': { response: null },

  'POST /api/imports': { body: 'CreateImportRequest', response: 'ImportCreated' },
  'POST /api/imports/previews': { body: 'CreateImportRequest', response: 'ImportPreview' },
  'POST /api/imports/previews/{id}/confirm': {
    body: 'CreateImportRequest',
    response: 'ImportCreated',
  },
  'GET /api/imports': { query: 'ListImportsQuery', response: 'ImportJobPage' },
  'GET /api/imports/{id}': { response: 'ImportJob' },

  'GET /api/analytics/metrics': { response: 'MetricInfo[]' },
  'GET /api/analytics/overview': { query: 'AnalyticsYearQuery', response: 'OverviewDto' },
  'GET /api/analytics/overview/export': { query: 'OverviewExportQuery', response: 'file' },
  'GET /api/analytics/trend': { query: 'TrendQuery', response: 'TrendDto' },
  'GET /api/analytics/trend/export': { query: 'TrendExportQuery', response: 'file' },
  'GET /api/analytics/compare': { query: 'CompareQuery', response: 'CompareDto' },
  'GET /api/analytics/compare/export': { query: 'CompareExportQuery', response: 'file' },
  'GET /api/analytics/yoy': { query: 'YoyQuery', response: 'YoyDto' },
  'GET /api/analytics/yoy/export': { query: 'YoyExportQuery', response: 'file' },
  'GET /api/analytics/breakdown': { query: 'AnalyticsYearQuery', response: 'BreakdownDto' },
  'GET /api/analytics/breakdown/export': { query: 'BreakdownExportQuery', response: 'file' },
  'GET /api/analytics/compliance': { query: 'ComplianceQuery', response: 'ComplianceDto' },
  'GET /api/analytics/compliance/export': { query: 'ComplianceExportQuery', response: 'file' },
  'GET /api/analytics/quality': { query: 'QualityQuery', response: 'QualityDto' },
  'GET /api/analytics/quality/export': { query: 'QualityExportQuery', response: 'file' },
  'GET /api/analytics/rollup': { query: 'RollupQuery', response: 'RollupDto' },
  'GET /api/analytics/rollup/export': { query: 'RollupExportQuery', response: 'file' },

  'GET /api/bulletins/{year}': { query: 'BulletinQuery', response: 'file' },

  'GET /api/audit': { query: 'AuditQuery', response: 'AuditPage' },

  'GET /api/alerts': { query: 'AlertsQuery', response: 'AlertsDto' },
  'GET /api/alerts/rules': { response: 'AlertRuleDto[]' },
  'POST /api/alerts/rules': { body: 'CreateAlertRuleRequest', response: 'AlertRuleDto' },
  'PATCH /api/alerts/rules/{id}': { body: 'UpdateAlertRuleRequest', response: 'AlertRuleDto' },
  'DELETE /api/alerts/rules/{id}': { response: null },
  'GET /api/alerts/rules/changes': { response: 'AlertRuleChange[]' },

  'GET /api/notifications': { query: 'NotificationQuery', response: 'NotificationPage' },
  'POST /api/notifications/read-all': { response: 'ReadAllResult' },
  'POST /api/notifications/{id}/read': { response: 'NotificationItem' },

  'GET /api/explanations': { query: 'ExplanationsQuery', response: 'ReportExplanations' },
  'PUT /api/explanations': { body: 'WriteExplanationRequest', response: 'Explanation' },
  'POST /api/explanations/{id}/decision': {
    body: 'DecideExplanationRequest',
    response: 'Explanation',
  },
  'GET /api/explanations/summary': {
    query: 'ExplanationSummaryQuery',
    response: 'ExplanationSummary',
  },
  'GET /api/rectifications': { query: 'RectificationListQuery', response: 'RectificationNotice[]' },
  'POST /api/rectifications': {
    body: 'SendRectificationRequest',
    response: 'RectificationNotice[]',
  },
  'GET /api/rectifications/export': { query: 'RectificationExportQuery', response: 'file' },
  'GET /api/rectifications/{id}': { response: 'RectificationNotice' },
} as const satisfies Readonly<Record<string, EndpointContract>>;

export type ApiEndpoint = keyof typeof API_ENDPOINTS;
