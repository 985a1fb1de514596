/**
 * The report's title, agency and the year it reports on.
 *
 * The year is the year reported on, never the publishing year: a report on 2021 is published in
 * 2022, and web pages print "发布时间: 2022-02-08" above it.
 */
import { qualifyAgency } from './agency';
import { compactText, isPageFooter, toHalfWidth } from './normalize';
import { findPartHeadings, splitParts } from './parts';

/** Where the year was read: the report's title, its 统计期限 sentence, a "2023年，…" in part 一, the file name. */
export type YearSource = 'title' | 'period' | 'body' | 'fileName';

export interface ReportMetadata {
  /** The title as found (digits half-width, spaces around them removed); null if none. */
  title: string | null;
  agencyName: string | null;
  year: number | null;
  yearSource: YearSource | null;
}

interface TitleMatch {
  title: string;
  agency: string | null;
  year: number;
}

/** Characters of an agency's name: Chinese, brackets (平潭综合实验区（平潭县）), the middle dot. */
const AGENCY_CHAR = String.raw`[\u3400-\u9fff（）()·]`;
/** The end of a title: 政府信息公开(工作)(年度)报告, or the short form 年报. */
const TITLE_END = String.raw`政府信息公开(?:工作)?(?:年度)?(?:报告|年报)`;
/**
 * What may follow a title: the end of the text, a space, the separators of a web page's <title>
 * ("…年度报告_政府信息公开年报_…"), a bracket ("（全文）"), or the next field of a page header
 * (来源, 发布, 时间). Not "有关事项的通知" (a circular about writing the report).
 */
const AFTER_TITLE = String.raw`(?=$|[\s_|｜—–\-（(]|来源|发布|时间)`;

/**
 * "平潭综合实验区2024年度政府信息公开工作年度报告" (agency, then year) and
 * "2025年上海市人民政府办公厅政府信息公开工作年度报告" (year, then agency); 年度 or 年, an
 * optional 的.
 */
const TITLE_YEAR_FIRST = new RegExp(
  String.raw`(?<before>${AGENCY_CHAR}{0,40}?)(?<year>20\d{2})年度?的?(?<after>${AGENCY_CHAR}{0,30}?)${TITLE_END}${AFTER_TITLE}`,
  'g',
);
/** The 2019-style title with the year in brackets after it: "…政府信息公开工作年度报告（2020年）". */
const TITLE_YEAR_LAST = new RegExp(
  String.raw`(?<agency>${AGENCY_CHAR}{1,40}?)${TITLE_END}[（(](?<year>20\d{2})年?度?[）)]`,
  'g',
);
/** Words that show a match is a sentence about reports (关于编制…报告的通知), not a title. */
const NOT_AN_AGENCY = /关于|编制|印发|通知|做好|根据|按照/;
/** A page header's label before the title: "标题: …" (web page dumps), "题目：", "名称：". */
const TITLE_LABEL = /^\s*(?:文章)?(?:标题|题目|名称)\s*[:：]\s*/;
/** Whitespace next to a digit: "2023 年" → "2023年", "办公室 2023" → "办公室2023". */
const SPACE_BY_DIGIT = /\s+(?=\d)|(?<=\d)\s+/g;
/** A page header's publisher field: "发布机构: 平潭综合实验区管委会办公室", 发布单位, 发文机关. */
const PUBLISHER_FIELD = /^\s*(?:发布|发文|编制)(?:机构|单位|机关)\s*[:：]\s*(?<name>\S[^\n]*?)\s*$/;
/** Words every title has (a quick test before the full patterns): 公开 and 报告 or 年报. */
const TITLE_HINT = /公开[\s\S]*(?:报告|年报)/;
/** Texts up to this long are read as title lines (see titleSearchTexts). */
const SHORT_TITLE_TEXT = 80;
/** Paragraphs joined when looking for a title split over lines (PDF: agency / year + title). */
const TITLE_LINES = 3;
/** A paragraph longer than this is running text, not a line of a title split over lines. */
const TITLE_LINE_MAX = 40;
/** How far the title is looked for when no part heading bounds the preface. */
const PREFACE_PARAGRAPHS = 40;

/**
 * The reporting period: "统计期限自2023年1月1日起至2023年12月31日止", "2023年1月1日至12月31日"
 * (second year omitted, shanghai-office-2025); 至, 到 or a dash between the dates.
 */
const REPORTING_PERIOD =
  /(?<year>20\d{2})年1月1日(?:起)?(?:至|到|—|－|-|~|～)(?:(?<endYear>20\d{2})年)?12月31日/;
/**
 * "2023年，我区…" / "2023 年度，未收到…": a sentence of part 一 that opens with the year reported
 * on. Not preceded by a digit or point (part of a longer number or a date).
 */
const YEAR_OPENING_SENTENCE = /(?<![\d.])(?<year>20\d{2})\s*年度?\s*[，,]/g;

/**
 * The texts a title is matched in, in order: label removed, digits half-width and the spaces
 * next to them removed ("办公室 2023 年"), other spaces kept, as they separate a title from the
 * navigation around it on a web page's line; then, for a short text (a title line), without any
 * space inside Chinese text ("某 县 财政局 2022 年 政府信息公开年报": letter-spaced).
 */
function titleSearchTexts(text: string): string[] {
  const unlabelled = text.replace(TITLE_LABEL, '');
  const spaced = toHalfWidth(unlabelled).replace(SPACE_BY_DIGIT, '');
  return unlabelled.length <= SHORT_TITLE_TEXT ? [spaced, compactText(unlabelled)] : [spaced];
}

/** An agency name from a title: no bracket left open at either end, not a sentence. */
function agencyOf(text: string): string | null {
  const name = text.replace(/^[（(]+|[（(]+$/g, '').trim();
  return name.length >= 2 && !NOT_AN_AGENCY.test(name) ? name : null;
}

function matchTitleIn(text: string): TitleMatch | null {
  for (const variant of titleSearchTexts(text)) {
    const found = matchTitleVariant(variant);
    if (found !== null) return found;
  }
  return null;
}

function matchTitleVariant(text: string): TitleMatch | null {
  for (const match of text.matchAll(TITLE_YEAR_FIRST)) {
    const groups = match.groups ?? {};
    const agencyText = `${groups['before'] ?? ''}${groups['after'] ?? ''}`;
    if (NOT_AN_AGENCY.test(agencyText)) continue;
    return { title: match[0], agency: agencyOf(agencyText), year: Number(groups['year']) };
  }
  for (const match of text.matchAll(TITLE_YEAR_LAST)) {
    const agencyText = match.groups?.['agency'] ?? '';
    if (NOT_AN_AGENCY.test(agencyText)) continue;
    return { title: match[0], agency: agencyOf(agencyText), year: Number(match.groups?.['year']) };
  }
  return null;
}

interface TitleWindow {
  first: number;
  size: number;
}

function windowText(preface: readonly string[], { first, size }: TitleWindow): string | null {
  const lines = preface.slice(first, first + size);
  if (lines.length < size) return null;
  if (size > 1 && lines.some((line) => line.trim().length > TITLE_LINE_MAX)) return null;
  const joined = lines.join('');
  return TITLE_HINT.test(joined) ? joined : null;
}

/**
 * A title found in a window of lines, narrowed to the window without its first line while that
 * still gives a title with an agency ("正文" / "2025 年上海市人民政府办公厅政府信息公开" / "工作年度
 * 报告": the header word 正文 is not part of the title).
 */
function narrowTitle(
  preface: readonly string[],
  window: TitleWindow,
  found: TitleMatch,
): TitleMatch {
  if (window.size === 1) return found;
  const narrower = { first: window.first + 1, size: window.size - 1 };
  const text = windowText(preface, narrower);
  const title = text === null ? null : matchTitleIn(text);
  return title?.agency ? narrowTitle(preface, narrower, title) : found;
}

/**
 * The first title in the preface: in one paragraph, or in two or three short paragraphs joined
 * (a title printed over lines: "洪泽区人民政府" / "2023 年政府信息公开工作年度报告").
 */
function findTitle(preface: readonly string[]): TitleMatch | null {
  for (let first = 0; first < preface.length; first++) {
    for (let size = 1; size <= TITLE_LINES; size++) {
      const text = windowText(preface, { first, size });
      const found = text === null ? null : matchTitleIn(text);
      if (found !== null) return narrowTitle(preface, { first, size }, found);
    }
  }
  return null;
}

/** The paragraphs before part 一 (the part before its heading for a one-line web page). */
function prefaceOf(paragraphs: readonly string[]): string[] {
  const first = findPartHeadings(paragraphs)[0];
  if (first === undefined) {
    return paragraphs.slice(0, PREFACE_PARAGRAPHS).filter((p) => !isPageFooter(p));
  }
  const preface = paragraphs.slice(0, first.paragraph).filter((p) => !isPageFooter(p));
  const opening = paragraphs[first.paragraph].slice(0, first.start);
  return opening.trim() ? [...preface, opening] : preface;
}

/**
 * Any stated period "2023年1月1日(起)至2023年12月31日(止)", the second year optional, for rule
 * S.PERIOD (which also judges periods that are not a whole year).
 */
const STATED_PERIOD =
  /(?<year>20\d{2})年(?<month>\d{1,2})月(?<day>\d{1,2})日(?:起)?(?:至|到|—|－|-|~|～)(?:(?<endYear>20\d{2})年)?(?<endMonth>\d{1,2})月(?<endDay>\d{1,2})日/;
/** Where a reporting period is stated: 统计期限 / 统计时限 / 统计时间 / 统计区间 / 数据…期限. */
const PERIOD_CONTEXT = /统计(?:期限|时限|时间|区间|周期)|数据.{0,10}(?:期限|时限)/;

const pad = (value: string): string => value.padStart(2, '0');

/**
 * The reporting period the text states (统计期限…), or null: the first period after a words such
 * as 统计期限 (within 40 characters), else the first whole-year period (1月1日至12月31日).
 */
export function findStatedPeriod(
  paragraphs: readonly string[],
): { start: string; end: string; text: string } | null {
  const text = toHalfWidth(compactText(paragraphs.join('\n')));
  const context = PERIOD_CONTEXT.exec(text);
  const near =
    context === null
      ? null
      : STATED_PERIOD.exec(text.slice(context.index, context.index + context[0].length + 40));
  const match = near ?? REPORTING_PERIOD.exec(text);
  if (match?.groups === undefined) return null;
  const whole = near ?? STATED_PERIOD.exec(match[0]);
  const groups = whole?.groups;
  if (whole === null || groups === undefined) return null;
  const year = groups['year'];
  return {
    start: `${year}-${pad(groups['month'])}-${pad(groups['day'])}`,
    end: `${groups['endYear'] ?? year}-${pad(groups['endMonth'])}-${pad(groups['endDay'])}`,
    text: whole[0],
  };
}

function periodYear(fullText: string): number | null {
  const match = REPORTING_PERIOD.exec(fullText);
  if (match?.groups === undefined) return null;
  const { year, endYear } = match.groups;
  return endYear === undefined || endYear === year ? Number(year) : null;
}

/** The year most sentences of the text open with ("2023年，…"); the first on a tie. */
function bodyYear(text: string): number | null {
  const counts = new Map<number, number>();
  for (const match of toHalfWidth(text).matchAll(YEAR_OPENING_SENTENCE)) {
    const year = Number(match.groups?.['year']);
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [year, count] of counts) {
    if (best === null || count > (counts.get(best) ?? 0)) best = year;
  }
  return best;
}

function publisherField(paragraphs: readonly string[]): string | null {
  for (const paragraph of paragraphs.slice(0, PREFACE_PARAGRAPHS)) {
    const name = PUBLISHER_FIELD.exec(paragraph)?.groups?.['name'];
    if (name !== undefined) return name;
  }
  return null;
}

function fileNameTitle(fileName: string | undefined): TitleMatch | null {
  if (fileName === undefined) return null;
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return matchTitleIn(base);
}

interface YearFound {
  year: number | null;
  yearSource: YearSource | null;
}

/** A value computed on first use and kept: the whole text is compacted only if a rule needs it. */
function lazy<T>(compute: () => T): () => T {
  let value: { computed: T } | null = null;
  return () => {
    value ??= { computed: compute() };
    return value.computed;
  };
}

function findYear(
  title: TitleMatch | null,
  paragraphs: readonly string[],
  compacted: () => string,
  fromFileName: TitleMatch | null,
): YearFound {
  if (title !== null) return { year: title.year, yearSource: 'title' };
  const period = periodYear(compacted());
  if (period !== null) return { year: period, yearSource: 'period' };
  const overview = splitParts(paragraphs).overview;
  const body = bodyYear(overview || paragraphs.join('\n'));
  if (body !== null) return { year: body, yearSource: 'body' };
  if (fromFileName !== null) return { year: fromFileName.year, yearSource: 'fileName' };
  return { year: null, yearSource: null };
}

/**
 * Title, agency and year of a report. The title is "…20XX年(度)政府信息公开工作年度报告" (or 年报,
 * or "…报告（2020年）") found before part 一, also over two or three short lines and in a page
 * header ("标题: …"). The year comes from the title, else the reporting period (统计期限), else the
 * sentences of part 一 ("2023年，…"), else the file name — never from a publishing date. The agency
 * is the title's, completed with the city the body names before it (洪泽区人民政府 → 淮安市洪泽区
 * 人民政府), else a 发布机构 field, else the file name's title.
 */
export function extractMetadata(paragraphs: readonly string[], fileName?: string): ReportMetadata {
  const compacted = lazy(() => compactText(paragraphs.join('\n')));
  const title = findTitle(prefaceOf(paragraphs));
  const fromFileName = fileNameTitle(fileName);
  const { year, yearSource } = findYear(title, paragraphs, compacted, fromFileName);
  const titleAgency = title?.agency ?? null;
  const agencyName =
    titleAgency !== null
      ? qualifyAgency(titleAgency, compacted)
      : (publisherField(paragraphs) ?? fromFileName?.agency ?? null);
  return { title: title?.title ?? null, agencyName, year, yearSource };
}
