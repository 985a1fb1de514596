import {
  BadRequestException,
  ConflictException,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';

/** Every refusal of the rectification module: a stable code and a Chinese message. */

export const findingNotFound = (key: string) =>
  new UnprocessableEntityException({
    code: 'FINDING_NOT_FOUND',
    message: `报告当前版本中没有该问题（${key}），可能已经改正`,
  });

export const findingNotExplainable = () =>
  new UnprocessableEntityException({
    code: 'FINDING_NOT_EXPLAINABLE',
    message: '只有警告级别的问题可以填写说明，错误须更正',
  });

/** Also for explanations outside the caller's scope, so that existence does not leak. */
export const explanationNotFound = () =>
  new NotFoundException({ code: 'EXPLANATION_NOT_FOUND', message: '说明不存在或无权查看' });

export const explanationAlreadyAccepted = () =>
  new ConflictException({
    code: 'EXPLANATION_ALREADY_ACCEPTED',
    message: '该说明已被采纳，不能再修改',
  });

export const explanationAlreadyDecided = () =>
  new ConflictException({
    code: 'EXPLANATION_ALREADY_DECIDED',
    message: '该说明已审核；单位重新填写后才能再次审核',
  });

export const rejectionNeedsReason = () =>
  new BadRequestException({
    code: 'REASON_REQUIRED',
    message: '不予采纳时必须填写理由',
  });

export const rectificationNotFound = () =>
  new NotFoundException({ code: 'RECTIFICATION_NOT_FOUND', message: '整改通知不存在或无权查看' });

export const dueDateInPast = (today: string) =>
  new BadRequestException({
    code: 'DUE_DATE_IN_PAST',
    message: `整改期限不能早于今天（${today}）`,
  });

export const findingAlreadyExplained = (key: string) =>
  new UnprocessableEntityException({
    code: 'FINDING_ALREADY_EXPLAINED',
    message: `该问题（${key}）的说明已被采纳，无需整改`,
  });

export const findingAlreadyInNotice = (key: string) =>
  new ConflictException({
    code: 'FINDING_ALREADY_IN_NOTICE',
    message: `该问题（${key}）已在一份未办结的整改通知中`,
  });

export const findingRepeated = (key: string) =>
  new BadRequestException({
    code: 'FINDING_REPEATED',
    message: `同一问题选择了两次（${key}）`,
  });
