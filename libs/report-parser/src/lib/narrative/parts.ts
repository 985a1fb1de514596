/**
 * Splitting a report into its six parts by their headings (一、总体情况 … 六、其他需要报告的事项).
 *
 * The input is the document as ordered paragraphs. A paragraph may be one line of a PDF, a <p>
 * of a web page, or the whole web page as one line (text copied from government sites), so
 * headings are searched in the joined text, not only at paragraph starts.
 */
import { removePageFooters } from './normalize';

export type PartKey =
  'overview' | 'proactive' | 'applications' | 'reviewLitigation' | 'problems' | 'other';

/** The parts in document order (一 … 六). */
export const PART_KEYS: readonly PartKey[] = [
  'overview',
  'proactive',
  'applications',
  'reviewLitigation',
  'problems',
  'other',
];

/** How a heading is numbered. `inferred`: no heading printed, the part start was deduced. */
export type HeadingStyle = 'numeral' | 'section' | 'arabic' | 'inferred';

export interface PartHeading {
  part: PartKey;
  /** Index of the paragraph the heading starts in. */
  paragraph: number;
  /** Offset of the heading in that paragraph. */
  start: number;
  /** Offset in that paragraph where the heading ends and the part's text begins. */
  end: number;
  /** The heading as printed ('' for an inferred one). */
  text: string;
  style: HeadingStyle;
}

/** The text of each part ('' when the part is not found), without its heading. */
export interface ReportParts {
  overview: string;
  proactive: string;
  applications: string;
  reviewLitigation: string;
  problems: string;
  other: string;
  /** Attachments after the report (附件/附表) that are not one of the table parts. */
  attachments: string;
}

/** A heading found in the joined text (offsets into it). */
interface Candidate {
  part: PartKey;
  start: number;
  end: number;
  style: HeadingStyle;
}

/** The paragraphs joined by line breaks, with each paragraph's offset in the joined text. */
interface JoinedText {
  text: string;
  offsets: number[];
}

/**
 * A literal phrase that tolerates whitespace between its Chinese characters ("总 体 情 况":
 * PDF text and Word HTML with one <span> per character).
 */
function loose(phrase: string): string {
  return [...phrase].join(String.raw`\s*`);
}

/** Any text within one sentence (no sentence end, no line break), lazily: a title's free part. */
function filler(max: number): string {
  return String.raw`[^。；;！!？?\n]{0,${max}}?`;
}

/**
 * Like `filler` but without digits or list commas either, for the text before a title's key
 * words: keeps "四、结转下年度继续办理0000000四、政府信息公开行政复议…" (a table row running into the
 * next heading on one line) from reading as the heading of part 四.
 */
function titleLead(max: number): string {
  return String.raw`[^。；;！!？?\n\d、，,]{0,${max}}?`;
}

/** Title pieces in order, with optional whitespace between them. */
function seq(...pieces: string[]): string {
  return pieces.join(String.raw`\s*`);
}

/** One of the alternatives. */
function oneOf(...alternatives: string[]): string {
  return `(?:${alternatives.join('|')})`;
}

/** An optional piece. */
function optional(piece: string): string {
  return `(?:${piece})?`;
}

/** Short name of `loose` for the title table below. */
const L = loose;

/**
 * The title of each part after its number. Alternatives are the wordings seen in reports:
 * the 2021 format, the 2019 format (因政府信息公开申请行政复议、提起行政诉讼的情况), the
 * 依申请公开 wording of older reports, typos such as 行政法复议 (pingtan-2022), prefixes such as
 * 政府信息公开工作存在的主要问题, and 改进措施 for 改进情况.
 */
const PART_TITLE: Readonly<Record<PartKey, string>> = {
  overview: oneOf(
    seq(optional(seq(L('政府信息公开'), optional(L('工作')))), oneOf(L('总体情况'), L('基本情况'))),
    L('概述'),
  ),
  proactive: seq(L('主动公开'), optional(L('政府信息')), optional('的'), L('情况')),
  applications: oneOf(
    seq(
      oneOf(L('收到'), L('受理')),
      oneOf('和', '及', '与'),
      oneOf(L('处理'), L('办理')),
      filler(10),
      L('申请'),
      filler(4),
      L('情况'),
    ),
    seq(L('依申请公开'), optional(L('政府信息')), optional('的'), L('情况')),
  ),
  reviewLitigation: seq(titleLead(14), L('复议'), filler(14), L('诉讼'), filler(4), L('情况')),
  problems: seq(
    titleLead(14),
    oneOf(seq(L('存在'), optional('的'), optional(L('主要'))), L('主要')),
    L('问题'),
    optional(
      seq(
        oneOf('及', '和', '与', '以及'),
        oneOf(L('改进'), L('整改')),
        optional(oneOf(L('情况'), L('措施'), L('方向'))),
      ),
    ),
  ),
  other: oneOf(
    seq(L('其他需要报告'), optional('的'), L('事项')),
    seq(L('其他需要说明'), optional('的'), L('事项')),
    L('其他事项'),
  ),
};

/**
 * A part's number before its title. Alternatives (each its own named group):
 * - `section`: 第一部分 / 第1部分, with or without a mark after it;
 * - `marked`: 一、 (also 一. 一．), not inside brackets （一） and not the end of a longer numeral
 *   or of 第一 (a comma is not a mark: "其一，主动公开情况良好" is a sentence);
 * - `bare`: 一 with no mark ("一 总体情况", tolerated), only after a clear boundary: start,
 *   space, sentence end, closing bracket or quote, or a digit (a table's last cell running into
 *   the next heading on one line);
 * - `arabic`: 1. / 1、, not after a digit or point (table rows "00000002.重复申请"); the number
 *   must be the part's own (checked in code) so that "1.主动公开情况" inside part 一 is not part 二.
 */
const PART_NUMBER =
  String.raw`(?:第\s*(?<section>[一二三四五六七八九十\d]{1,2})\s*部\s*分\s*[、.．:：]?\s*` +
  String.raw`|(?<![（(〔\[【第一二三四五六七八九十])(?<marked>[一二三四五六七八九十]{1,2})\s*[、.．]\s*` +
  String.raw`|(?<=^|[\s。；;！!？?：:）)」』”"’>》】\]\d])(?<bare>[一二三四五六七八九十]{1,2})\s*` +
  String.raw`|(?<![\d.．])(?<arabic>[1-6])\s*[、.．]\s*)`;

/**
 * A numbered part heading: its number, then one of the six titles (one named group per part).
 * Sticky: tried only where a number can start (NUMBER_START), which is much faster than letting
 * the engine try every position of a long text.
 */
const PART_HEADING = new RegExp(
  `${PART_NUMBER}(?:${PART_KEYS.map((key) => `(?<${key}>${PART_TITLE[key]})`).join('|')})`,
  'y',
);
/**
 * Where a part number can start: 第 (第一部分), a Chinese numeral, or an arabic 1–6 with its mark
 * after it (tables are full of bare digits).
 */
const NUMBER_START = /[第一二三四五六七八九十]|[1-6](?=\s*[、.．])/g;

/**
 * The text between two headings when they are items of a list in the preface ("本报告分为：
 * 一、总体情况；二、主动公开政府信息情况；…"): only list marks and spaces, with a list mark or
 * within one paragraph (a sentence end 。 ends the list: the report's own part 一 may follow). (Two headings on consecutive lines with nothing between are real
 * headings whose tables were left out of the paragraphs.)
 */
const LIST_GAP = /^[\s；;，,、]*$/;
const LIST_MARK = /[；;，,、]/;
/** Dot leaders and a page number after a heading: a table of contents line ("一、总体情况……1"). */
const TABLE_OF_CONTENTS_TAIL = /^[\s.…·．]{2,}\d{1,3}(?!\d)/;

/**
 * The start of an attachment at the start of a paragraph: 附件 / 附表 with a number, a mark or
 * nothing else on the line ("附件1：…", "附件：", "附表 2"). "附件下载" (a web page's link) is not.
 */
const ATTACHMENT_START =
  /^[^\S\n]*(?:附件|附表)[^\S\n]*(?:\d{1,2}|[一二三四五六])?[^\S\n]*(?:[:：、.．]|$)/gm;

/**
 * Where a web page's footer starts after the report: link texts and site notices of government
 * CMSs (附件下载, 打印本页, 关闭窗口, 扫一扫在手机打开, 上一篇/下一篇, 版权所有, 主办单位,
 * 网站标识码, ICP 备案号, 我要纠错).
 */
const PAGE_FOOTER_MARKER =
  /附件下载|相关附件[:：]|【\s*打印|打印本页|关闭窗口|【\s*关闭|扫一扫在手机|分享到[:：]?|上一篇[:：]|下一篇[:：]|版权所有|主办单位[:：]|承办单位[:：]|网站标识码|ICP备|网站地图|我要纠错/;

/**
 * A sub-heading of part 五 at a paragraph start, used when the heading 五、 itself is missing
 * (lost by a PDF conversion, as in shanghai-office-2025): "（一）2024 年工作中存在问题的改进情况".
 */
const PROBLEMS_SUBHEADING = /^[^\S\n]*[（(]一[）)][^\n]{0,30}?(?:问题|改进)/m;

function joinParagraphs(paragraphs: readonly string[]): JoinedText {
  const offsets: number[] = [];
  let offset = 0;
  for (const paragraph of paragraphs) {
    offsets.push(offset);
    offset += paragraph.length + 1;
  }
  return { text: paragraphs.join('\n'), offsets };
}

function headingStyle(groups: Record<string, string | undefined>): HeadingStyle {
  if (groups['section'] !== undefined) return 'section';
  if (groups['arabic'] !== undefined) return 'arabic';
  return 'numeral';
}

/** The heading that starts at `index`, if one does. */
function headingAt(text: string, index: number): Candidate | null {
  PART_HEADING.lastIndex = index;
  const match = PART_HEADING.exec(text);
  if (match === null) return null;
  const groups = match.groups ?? {};
  const partIndex = PART_KEYS.findIndex((key) => groups[key] !== undefined);
  const style = headingStyle(groups);
  if (partIndex < 0 || (style === 'arabic' && Number(groups['arabic']) !== partIndex + 1)) {
    return null;
  }
  return { part: PART_KEYS[partIndex], start: index, end: index + match[0].length, style };
}

/** Every numbered heading with a part title, in document order. */
function findCandidates(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  let searchFrom = 0;
  for (const start of text.matchAll(NUMBER_START)) {
    if (start.index < searchFrom) continue;
    const candidate = headingAt(text, start.index);
    if (candidate === null) continue;
    candidates.push(candidate);
    searchFrom = candidate.end;
  }
  return candidates;
}

/** Drops headings that are items of a list in the preface or lines of a table of contents. */
function dropListsAndContents(text: string, candidates: Candidate[]): Candidate[] {
  const listed = new Set<Candidate>();
  candidates.forEach((candidate, i) => {
    if (TABLE_OF_CONTENTS_TAIL.test(text.slice(candidate.end, candidate.end + 40))) {
      listed.add(candidate);
    }
    const next = candidates[i + 1];
    if (next === undefined) return;
    const gap = text.slice(candidate.end, next.start);
    if (LIST_GAP.test(gap) && (LIST_MARK.test(gap) || !gap.includes('\n'))) {
      listed.add(candidate);
      listed.add(next);
    }
  });
  return candidates.filter((candidate) => !listed.has(candidate));
}

/**
 * When a report numbers its parts 第一部分 … (at least two such headings), headings numbered
 * 一、 are its sub-headings, not parts.
 */
function preferSections(candidates: Candidate[]): Candidate[] {
  const sectionParts = new Set(candidates.filter((c) => c.style === 'section').map((c) => c.part));
  return sectionParts.size >= 2 ? candidates.filter((c) => c.style === 'section') : candidates;
}

/** The first heading of each part after the previous part's heading (parts keep their order). */
function chooseInOrder(candidates: Candidate[]): Candidate[] {
  const chosen: Candidate[] = [];
  let position = 0;
  for (const part of PART_KEYS) {
    const found = candidates.find((c) => c.part === part && c.start >= position);
    if (found === undefined) continue;
    chosen.push(found);
    position = found.end;
  }
  return chosen;
}

/**
 * Where attachments start: the first 附件/附表 paragraph after a heading of part 五 or 六
 * (so the tables appended after the report do not count as the report's parts), or -1.
 */
function findAttachmentStart(text: string, candidates: Candidate[]): number {
  const closing = candidates.find((c) => c.part === 'problems' || c.part === 'other');
  if (closing === undefined || !/附[件表]/.test(text)) return -1;
  for (const match of text.matchAll(ATTACHMENT_START)) {
    if (match.index > closing.end) return match.index;
  }
  return -1;
}

/** Adds an inferred part 五 inside part 四 when the heading 五、 is missing (see PROBLEMS_SUBHEADING). */
function inferProblems(text: string, chosen: Candidate[], end: number): Candidate[] {
  if (chosen.some((c) => c.part === 'problems')) return chosen;
  const reviewIndex = chosen.findIndex((c) => c.part === 'reviewLitigation');
  if (reviewIndex < 0) return chosen;
  const review = chosen[reviewIndex];
  const reviewEnd = chosen[reviewIndex + 1]?.start ?? end;
  const match = PROBLEMS_SUBHEADING.exec(text.slice(review.end, reviewEnd));
  if (match === null) return chosen;
  const start = review.end + match.index;
  const inferred: Candidate = { part: 'problems', start, end: start, style: 'inferred' };
  return [...chosen.slice(0, reviewIndex + 1), inferred, ...chosen.slice(reviewIndex + 1)];
}

interface ChosenHeadings {
  joined: JoinedText;
  /** Every part heading of the text (lists and contents left out), attachments included. */
  candidates: Candidate[];
  headings: Candidate[];
  /** Where the report's own text ends (attachments or the end of the text). */
  reportEnd: number;
  attachmentStart: number;
}

/**
 * The parts of one document's paragraphs, found once: the split, the part order and the metrics
 * each ask for them, and the heading search is the dearest step of reading the narrative.
 */
const LOCATED = new WeakMap<readonly string[], ChosenHeadings>();

function locateParts(paragraphs: readonly string[]): ChosenHeadings {
  const known = LOCATED.get(paragraphs);
  if (known) return known;
  const joined = joinParagraphs(paragraphs);
  const candidates = preferSections(dropListsAndContents(joined.text, findCandidates(joined.text)));
  const attachmentStart = findAttachmentStart(joined.text, candidates);
  const reportEnd = attachmentStart < 0 ? joined.text.length : attachmentStart;
  const chosen = chooseInOrder(candidates.filter((c) => c.start < reportEnd));
  const headings = inferProblems(joined.text, chosen, reportEnd);
  const located = { joined, candidates, headings, reportEnd, attachmentStart };
  LOCATED.set(paragraphs, located);
  return located;
}

/**
 * The parts whose headings the document prints, in the order it prints them: the first heading
 * of each part among the same candidates the split uses (lists in the preface and tables of
 * contents left out), before any attachment. Unlike the split, which only takes headings in
 * order, this keeps a part printed out of order where it stands (rule S.PARTS). Inferred
 * headings (a part 五 deduced from its sub-heading) count as found.
 */
export function partOrder(paragraphs: readonly string[]): PartKey[] {
  const { candidates, headings, reportEnd } = locateParts(paragraphs);
  const firstStart = new Map<PartKey, number>();
  for (const candidate of candidates) {
    if (candidate.start < reportEnd && !firstStart.has(candidate.part))
      firstStart.set(candidate.part, candidate.start);
  }
  for (const heading of headings) {
    if (!firstStart.has(heading.part)) firstStart.set(heading.part, heading.start);
  }
  return [...firstStart.entries()].sort((a, b) => a[1] - b[1]).map(([part]) => part);
}

/** The paragraph that holds a joined-text offset (binary search over paragraph offsets). */
function paragraphAt(offsets: number[], offset: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (offsets[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The part headings of a report, in order, with the paragraph each starts in: for readers that
 * need to know which lines belong to which part (the table finder).
 */
export function findPartHeadings(paragraphs: readonly string[]): PartHeading[] {
  const { joined, headings } = locateParts(paragraphs);
  return headings.map((heading) => {
    const paragraph = paragraphAt(joined.offsets, heading.start);
    const base = joined.offsets[paragraph];
    return {
      part: heading.part,
      paragraph,
      start: heading.start - base,
      end: heading.end - base,
      text: joined.text.slice(heading.start, heading.end).trim(),
      style: heading.style,
    };
  });
}

/** A part's text as returned: no page-number lines, no blank lines, lines trimmed. */
function cleanPartText(text: string): string {
  return removePageFooters(text)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** The last part's text, cut where a web page's footer starts. */
function cutPageFooter(text: string): string {
  const match = PAGE_FOOTER_MARKER.exec(text);
  return match === null ? text : text.slice(0, match.index);
}

/**
 * Which table part an attachment holds, from its opening words ("附件2：收到和处理政府信息公开申请
 * 情况", or 附件2 on a line of its own and the title on the next).
 */
function attachmentPart(segment: string): PartKey | null {
  const opening = segment.slice(0, 60);
  if (/复议|诉讼/.test(opening)) return 'reviewLitigation';
  if (/申请/.test(opening)) return 'applications';
  if (/主动公开/.test(opening)) return 'proactive';
  return null;
}

/** Splits the attachments at each 附件/附表 and adds each to the table part it holds. */
function assignAttachments(text: string, start: number, parts: ReportParts): void {
  if (start < 0) return;
  const starts = [...text.matchAll(ATTACHMENT_START)].map((m) => m.index).filter((i) => i >= start);
  starts.forEach((segmentStart, i) => {
    const segment = cleanPartText(cutPageFooter(text.slice(segmentStart, starts[i + 1])));
    const key = attachmentPart(segment) ?? 'attachments';
    parts[key] = parts[key] ? `${parts[key]}\n${segment}` : segment;
  });
}

/**
 * The text of parts 一–六 by their headings, without the headings, the web page's navigation
 * before part 一 and its footer after the report. Tolerates renumbered headings, 第一部分,
 * a missing 、, the 2019 titles, sub-headings （一） inside parts, a preface listing the parts,
 * and tables appended after the report as 附件 (added to the table parts). Missing parts are ''.
 */
export function splitParts(paragraphs: readonly string[]): ReportParts {
  const { joined, headings, reportEnd, attachmentStart } = locateParts(paragraphs);
  const parts: ReportParts = {
    overview: '',
    proactive: '',
    applications: '',
    reviewLitigation: '',
    problems: '',
    other: '',
    attachments: '',
  };
  headings.forEach((heading, i) => {
    const next = headings[i + 1];
    const raw = joined.text.slice(heading.end, next === undefined ? reportEnd : next.start);
    parts[heading.part] = cleanPartText(next === undefined ? cutPageFooter(raw) : raw);
  });
  assignAttachments(joined.text, attachmentStart, parts);
  return parts;
}
