import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
} from '@nestjs/common';

/** Every refusal of the alerts module: a stable code and a Chinese message. */

/** Also for rules of regions the caller may not see, so that existence does not leak. */
export const alertRuleNotFound = () =>
  new NotFoundException({ code: 'ALERT_RULE_NOT_FOUND', message: '预警规则不存在或无权查看' });

export const alertMetricUnknown = (metric: string) =>
  new BadRequestException({
    code: 'ALERT_METRIC_UNKNOWN',
    message: `指标“${metric}”不在指标目录中`,
  });

export const alertThresholdsInvalid = (reason: string) =>
  new BadRequestException({ code: 'ALERT_THRESHOLDS_INVALID', message: reason });

export const alertRuleExists = (metricName: string, regionName: string) =>
  new ConflictException({
    code: 'ALERT_RULE_EXISTS',
    message: `${regionName}已有同方向的“${metricName}”预警规则，请修改该规则`,
  });

export const alertDefaultRuleAdminOnly = () =>
  new ForbiddenException({
    code: 'FORBIDDEN',
    message: '适用于全部地区的默认预警规则只能由管理员设置',
  });
