import type {
  AlertRuleChange,
  AlertRuleDto,
  AlertsDto,
  AlertsQuery,
  CreateAlertRuleRequest,
  UpdateAlertRuleRequest,
} from '@atlas/api-contract';
import { http } from './request';

export type {
  AlertAgency,
  AlertItem,
  AlertRuleChange,
  AlertRuleDirection,
  AlertRuleDto,
  AlertRuleLevel,
  AlertRuleSettings,
  AlertsDto,
  CreateAlertRuleRequest,
} from '@atlas/api-contract';

/**
 * GET /api/alerts: every rule of the scope on the year. Silent: the overview's cards and the
 * alert list show a failure in place.
 */
export function getAlerts(query: AlertsQuery, signal?: AbortSignal): Promise<AlertsDto> {
  return http.get<AlertsDto>('/alerts', { query: { ...query }, signal, silent: true });
}

export function listAlertRules(): Promise<AlertRuleDto[]> {
  return http.get<AlertRuleDto[]>('/alerts/rules');
}

export function listAlertRuleChanges(): Promise<AlertRuleChange[]> {
  return http.get<AlertRuleChange[]>('/alerts/rules/changes');
}

/** Silent: the rule form shows the reason (bounds the wrong way round, a rule that exists). */
export function createAlertRule(input: CreateAlertRuleRequest): Promise<AlertRuleDto> {
  return http.post<AlertRuleDto>('/alerts/rules', input, { silent: true });
}

export function updateAlertRule(id: string, input: UpdateAlertRuleRequest): Promise<AlertRuleDto> {
  return http.patch<AlertRuleDto>(`/alerts/rules/${encodeURIComponent(id)}`, input, {
    silent: true,
  });
}

export function deleteAlertRule(id: string): Promise<void> {
  return http.delete<void>(`/alerts/rules/${encodeURIComponent(id)}`);
}
