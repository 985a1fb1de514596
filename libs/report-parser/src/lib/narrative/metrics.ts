/**
 * The numbers stated in the text of parts 一 and 六 (spec: "Narrative metrics"). Each is null
 * when the text does not state it; a statement of none ("未收取…费用") is 0.
 */
import {
  emptyNarrativeMetrics,
  type InspectionPassRate,
  type NarrativeMetrics,
} from '@atlas/report-model';
import { findCaseCounts } from './case-counts';
import { COUNT_PATTERN, compactText, parseCount } from './normalize';
import { findPublishedItems } from './published-items';

/** A statement found in the text, with its position (the first statement wins). */
interface Found<T> {
  index: number;
  value: T;
}

/**
 * Verbs that mean applications came in: 收到 / 接到 / 收悉 (received), 受理 (accepted), 接收
 * (took in), 新收 (newly received, the table's wording), 登记 (registered). Not 办理 / 办结 / 答复,
 * which count the applications handled (pingtan-2024: "全年办理政府信息公开申请218件" is not a
 * count received). Not after 不予 (不予受理: refused) or a negation (handled by NO_APPLICATIONS).
 */
const RECEIVED_VERB = String.raw`(?<!不予|未|没有|不)(?:收到|接到|收悉|受理|接收|新收|登记)`;
/** What an application is: 申请 not followed by 人 (申请人: the applicant), optionally 申请公开/事项/件. */
const APPLICATION_WORD = String.raw`申请(?!人)(?:公开)?(?:事项|件)?`;
/** A count of applications with an optional 余/多 and its unit (件 applications, 宗, 个, 份). */
const APPLICATION_COUNT = String.raw`(?<count>${COUNT_PATTERN})(?:余|多)?(?:件|宗|个|份)`;
/**
 * "共收到政府信息公开申请 2 件", "受理政府信息公开申请 17 件", "接收通过邮寄、网络提交的各类政府信息
 * 公开申请共计81件": verb, up to 24 characters of one clause (digits excluded so that the count is
 * the next number), the application, then 数量/总数 and 共计/共/合计/总计/累计/为/达 before the count.
 */
const RECEIVED_THEN_COUNT = new RegExp(
  String.raw`${RECEIVED_VERB}(?<between>[^，,。；;！？\d]{0,24}?)${APPLICATION_WORD}` +
    String.raw`(?:数量|总数|总量)?(?:共计|共|合计|总计|累计|为|达)?[:：]?${APPLICATION_COUNT}`,
  'g',
);
/** "本年度全区共收到70件申请" (pingtan-2021): the count between the verb and the application. */
const RECEIVED_COUNT_THEN = new RegExp(
  String.raw`${RECEIVED_VERB}(?:了)?(?:各类)?${APPLICATION_COUNT}(?<between>[^，,。；;！？\d]{0,16}?)${APPLICATION_WORD}`,
  'g',
);
/**
 * Applications that are not requests for information even though the verb and 申请 fit: 行政复议
 * / 诉讼 applications, 投诉 / 举报 / 信访 (complaints), and ones passed on by another body
 * (转办 / 转交 / 转来 / 转送), which the brief excludes.
 */
const NOT_DISCLOSURE_APPLICATION = /复议|诉讼|投诉|举报|信访|转办|转交|转来|转送/;
/** "全年未收到政府信息公开申请" / "没有受理…申请": the text states none (0). */
const NO_APPLICATIONS = new RegExp(
  String.raw`(?:未|没有)(?:收到|接到|受理|接收)(?:任何)?(?<between>[^，,。；;！？\d]{0,16}?)${APPLICATION_WORD}`,
  'g',
);

/** "办结率100%", "办结率为 99.5%", "办结率达到100%"; 百分之百 written out. */
const COMPLETION_RATE =
  /办结率(?:为|达到|达|是)?[:：]?(?:(?<rate>\d+(?:\.\d+)?)%|(?<hundred>百分之百))/;

/** "合格率均为100%", "检查合格率 100%", "合格率达到98.5%": 均/全部/都, then 为/达/是. */
const PASS_RATE = /合格率(?:均|全部|都)?(?:为|达到|达|是)?[:：]?(?<rate>\d+(?:\.\d+)?)%/g;
/** Where a rate's subject starts: after the last sentence end, list comma or clause comma. */
const SUBJECT_BREAK = /[。；;！？\n，,、]/;
/** What comes before an inspection's name: 在 (in), 经 / 通过 (through), 对 (of). */
const SUBJECT_LEAD = /^(?:在|经|通过|对)/;
/** What comes after it: 中 / 里 (在…检查中), 上, 的. */
const SUBJECT_TAIL = /(?:中|里|上|的)$/;
/**
 * Time words inside the subject ("省办2024年四个季度政务新媒体检查抽查"): the subject is what
 * follows the last of them — a year, N个季度, 每季度, 每月, 每年, 全年, 年度.
 */
const SUBJECT_TIME_PREFIX = /^.*(?:\d{4}年度?|[一二三四两\d]个?季度|每季度|每月|每年|全年|年度)/;

/**
 * A fee charged for processing requests, in 元 or 万元: "收取政府信息公开信息处理费 3940 元"
 * (收取 / 收缴 / 征收, up to 24 characters, the fee, then 共计/合计/为/金额…), or
 * "信息处理费共计1200元" without the verb.
 */
const FEE_AMOUNT = new RegExp(
  String.raw`(?:(?:收取|收缴|征收)[^，,。；;！？\d]{0,24}?(?:处理费|费用?)|处理费)(?:收入)?` +
    String.raw`(?:共计|合计|总计|共|累计|为|金额为?)?[:：]?(?<amount>\d+(?:\.\d+)?)(?<wan>万)?元`,
  'g',
);
/**
 * A statement that no fee was charged: "未收取信息公开处理费用", "无收取信息处理费情况",
 * "不收取任何费用", "未发生收取信息处理费的情况", "不存在收费情况", "免收…费"; or
 * "未产生信息处理费".
 */
const NO_FEE =
  /(?:未|无|没有|不|免)(?:发生|产生|存在|涉及|有)?(?:收取|征收|收)(?:任何)?[^，,。；;！？\d]{0,16}?费|(?:未|没有|无)(?:发生|产生)[^，,。；;！？\d]{0,12}?处理费/g;

function isDisclosureApplication(between: string | undefined): boolean {
  return !NOT_DISCLOSURE_APPLICATION.test(between ?? '');
}

function applicationStatements(text: string): Found<number>[] {
  const found: Found<number>[] = [];
  for (const pattern of [RECEIVED_THEN_COUNT, RECEIVED_COUNT_THEN]) {
    for (const match of text.matchAll(pattern)) {
      const count = parseCount(match.groups?.['count'] ?? '');
      if (count !== null && isDisclosureApplication(match.groups?.['between'])) {
        found.push({ index: match.index, value: count });
      }
    }
  }
  for (const match of text.matchAll(NO_APPLICATIONS)) {
    if (isDisclosureApplication(match.groups?.['between']))
      found.push({ index: match.index, value: 0 });
  }
  return found;
}

function first<T>(found: Found<T>[]): T | null {
  if (found.length === 0) return null;
  return found.reduce((a, b) => (b.index < a.index ? b : a)).value;
}

/** The applications received, as the first statement of the text says; null if none. */
export function findApplicationsReceived(text: string): number | null {
  return first(applicationStatements(text));
}

/** The first 办结率 the text states, in percent. */
export function findCompletionRate(text: string): number | null {
  const match = COMPLETION_RATE.exec(text);
  if (match === null) return null;
  return match.groups?.['hundred'] !== undefined ? 100 : Number(match.groups?.['rate']);
}

/** What a pass rate is of: the inspection named before it, without time words and 在…中. */
function subjectBefore(text: string, index: number): string {
  const before = text.slice(Math.max(0, index - 80), index);
  const segments = before.split(SUBJECT_BREAK);
  const raw = (segments.pop() || segments.pop() || '').trim();
  const named = raw.replace(SUBJECT_LEAD, '').replace(SUBJECT_TAIL, '');
  const afterDe = named.slice(named.lastIndexOf('的') + 1);
  const subject = afterDe.replace(SUBJECT_TIME_PREFIX, '');
  return subject || named || raw;
}

/** Every 合格率 the text states, with its subject; empty if none. */
export function findInspectionPassRates(text: string): InspectionPassRate[] {
  return [...text.matchAll(PASS_RATE)].map((match) => ({
    subject: subjectBefore(text, match.index),
    rate: Number(match.groups?.['rate']),
  }));
}

/** The processing fee the text states, in yuan (万元 converted), 0 for "未收取"; null if none. */
export function findProcessingFeeYuan(text: string): number | null {
  const found: Found<number>[] = [...text.matchAll(FEE_AMOUNT)].map((match) => {
    const amount = Number(match.groups?.['amount']);
    const yuan = match.groups?.['wan'] !== undefined ? amount * 10000 : amount;
    return { index: match.index, value: Math.round(yuan * 100) / 100 };
  });
  for (const match of text.matchAll(NO_FEE)) found.push({ index: match.index, value: 0 });
  return first(found);
}

/** A finder applied to part 一, then to part 六 when part 一 says nothing. */
function firstOf<T>(texts: string[], find: (text: string) => T | null): T | null {
  for (const text of texts) {
    const value = find(text);
    if (value !== null) return value;
  }
  return null;
}

function nonEmpty<T>(list: T[]): T[] | null {
  return list.length > 0 ? list : null;
}

/**
 * The narrative metrics of a report from the text of part 一 (overview) and part 六 (other).
 * Texts may hold line wraps, page numbers, full-width digits, spaces around numbers and
 * thousands separators. Fees are looked for in part 六 first (where the format asks for them).
 */
export function extractNarrativeMetrics(overviewText: string, otherText: string): NarrativeMetrics {
  const overview = compactText(overviewText);
  const other = compactText(otherText);
  const both = [overview, other];
  const [overviewCases, otherCases] = both.map(findCaseCounts);
  const cases = {
    reviewCount: overviewCases.reviewCount ?? otherCases.reviewCount,
    litigationCount: overviewCases.litigationCount ?? otherCases.litigationCount,
  };
  return {
    ...emptyNarrativeMetrics(),
    publishedItems: nonEmpty(both.flatMap(findPublishedItems)),
    applicationsReceived: firstOf(both, findApplicationsReceived),
    completionRate: firstOf(both, findCompletionRate),
    inspectionPassRates: nonEmpty(both.flatMap(findInspectionPassRates)),
    processingFeeYuan: firstOf([other, overview], findProcessingFeeYuan),
    ...cases,
  };
}
