import { BadRequestException } from '@nestjs/common';

/** Every refusal of the analytics module: a stable code and a Chinese message. */

export const metricNotComparable = (name: string) =>
  new BadRequestException({
    code: 'METRIC_NOT_COMPARABLE',
    message: `指标“${name}”不能按单位逐一比较，请按下级地区比较`,
  });

export const yearRangeInvalid = () =>
  new BadRequestException({
    code: 'YEAR_RANGE_INVALID',
    message: '起始年度不能晚于结束年度，且跨度不能超过 30 年',
  });

export const unknownMetric = (key: string) =>
  new BadRequestException({ code: 'METRIC_UNKNOWN', message: `未知的指标：${key}` });
