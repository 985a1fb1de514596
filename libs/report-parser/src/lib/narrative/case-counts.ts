/**
 * reviewCount / litigationCount: the 行政复议 and 行政诉讼 cases the text states, for the rules
 * N.REVIEW and N.LITIGATION ("政府信息公开行政复议 351 件", "行政诉讼案件1件、行政复议案件2件").
 */
import { COUNT_PATTERN, parseCount } from './normalize';

export interface CaseCounts {
  reviewCount: number | null;
  litigationCount: number | null;
}

type CaseKind = keyof CaseCounts;

/** A statement of the text about one or both counts, at its position. */
interface Statement {
  index: number;
  end: number;
  counts: Partial<CaseCounts>;
}

/** The words of each kind: 行政复议 (also the typo 行政法复议 seen in reports), 行政诉讼. */
const CASE_WORD: Readonly<Record<CaseKind, string>> = {
  reviewCount: '行政法?复议',
  litigationCount: '行政诉讼',
};
/** A count of cases and its unit: 件 (cases), 起 / 宗 (matters), 个. */
const CASE_COUNT = String.raw`(?<count>${COUNT_PATTERN})(?:件|起|宗|个)`;

/**
 * The count after the word: "行政复议案件2件", "政府信息公开行政复议 351 件", "被申请行政复议共3起";
 * 案件 / 申请 / 案 and 共 / 共计 / 合计 / 总计 / 累计 may come between. Not after 未 / 没有 / 无.
 */
function countAfterWordPattern(kind: CaseKind): RegExp {
  return new RegExp(
    String.raw`(?<!未|没有|无)${CASE_WORD[kind]}(?:案件|申请|案)?(?:共计|共|合计|总计|累计)?[:：]?${CASE_COUNT}`,
    'g',
  );
}

/** The count before the word: "发生2起行政复议", "3件因政府信息公开引起的行政诉讼". */
function countBeforeWordPattern(kind: CaseKind): RegExp {
  return new RegExp(
    String.raw`${CASE_COUNT}(?:因?政府信息公开(?:引起|引发)?的?|的)?${CASE_WORD[kind]}`,
    'g',
  );
}

/** Both patterns of each kind, built once. */
const COUNT_PATTERNS: Readonly<Record<CaseKind, readonly RegExp[]>> = {
  reviewCount: [countAfterWordPattern('reviewCount'), countBeforeWordPattern('reviewCount')],
  litigationCount: [
    countAfterWordPattern('litigationCount'),
    countBeforeWordPattern('litigationCount'),
  ],
};

/** "行政复议、行政诉讼案件各1件" / "…均为0件": one count for both kinds. */
const BOTH_EACH = new RegExp(
  String.raw`行政法?复议(?:案件)?(?:和|、|及|与|或)行政诉讼(?:案件)?(?:各|均为?|分别为?)${CASE_COUNT}`,
  'g',
);
/**
 * "行政复议和行政诉讼案件共3件": one count for the two together, which says neither; statements
 * inside it are ignored.
 */
const BOTH_TOGETHER = new RegExp(
  String.raw`行政法?复议(?:案件)?(?:和|、|及|与|或)行政诉讼(?:案件)?(?:共计|共|合计|总计)?${CASE_COUNT}`,
  'g',
);
/**
 * "未发生因政府信息公开引起的行政复议、行政诉讼案件": none of the kinds named (0), when the clause
 * is not about corrections or lost cases (see OUTCOME_WORDS).
 */
const NONE_OCCURRED =
  /(?:未(?:发生|出现|收到|产生|有)|没有(?:发生|出现|收到)?|无)(?<scope>[^，,。；;！？]{0,20}?)(?<words>行政法?复议|行政诉讼)(?<rest>[^，,。；;！？]{0,16})/g;
/**
 * Outcomes that make "未发生" say nothing about the number of cases: "未发生…被行政复议纠错或
 * 行政诉讼败诉情形" (shanghai-office-2025: 55 reviews, none corrected).
 */
const OUTCOME_WORDS = /纠错|败诉|纠正|撤销|确认违法|被改变/;

function countStatements(text: string, kind: CaseKind): Statement[] {
  const statements: Statement[] = [];
  for (const pattern of COUNT_PATTERNS[kind]) {
    for (const match of text.matchAll(pattern)) {
      const count = parseCount(match.groups?.['count'] ?? '');
      if (count === null) continue;
      statements.push({
        index: match.index,
        end: match.index + match[0].length,
        counts: { [kind]: count },
      });
    }
  }
  return statements;
}

function bothEachStatements(text: string): Statement[] {
  return [...text.matchAll(BOTH_EACH)].flatMap((match) => {
    const count = parseCount(match.groups?.['count'] ?? '');
    if (count === null) return [];
    const end = match.index + match[0].length;
    return [{ index: match.index, end, counts: { reviewCount: count, litigationCount: count } }];
  });
}

function noneStatements(text: string): Statement[] {
  return [...text.matchAll(NONE_OCCURRED)].flatMap((match) => {
    const groups = match.groups ?? {};
    const clause = `${groups['scope']}${groups['words']}${groups['rest']}`;
    if (OUTCOME_WORDS.test(clause)) return [];
    const counts: Partial<CaseCounts> = {};
    if (/复议/.test(clause)) counts.reviewCount = 0;
    if (/诉讼/.test(clause)) counts.litigationCount = 0;
    return [{ index: match.index, end: match.index + match[0].length, counts }];
  });
}

function insideTogether(statement: Statement, together: Statement[]): boolean {
  return together.some((t) => statement.index >= t.index && statement.index < t.end);
}

/**
 * The numbers of 行政复议 and 行政诉讼 cases a compacted text (see compactText) states: for each,
 * its first statement; null when it states none. "未发生…行政复议、行政诉讼" is 0 for both; a
 * count for the two together says neither.
 */
export function findCaseCounts(text: string): CaseCounts {
  const together = [...text.matchAll(BOTH_TOGETHER)].map((m) => ({
    index: m.index,
    end: m.index + m[0].length,
    counts: {},
  }));
  const statements = [
    ...countStatements(text, 'reviewCount'),
    ...countStatements(text, 'litigationCount'),
    ...bothEachStatements(text),
    ...noneStatements(text),
  ]
    .filter((s) => !insideTogether(s, together) || Object.keys(s.counts).length === 2)
    .sort((a, b) => a.index - b.index);
  const first = (kind: CaseKind): number | null =>
    statements.find((s) => s.counts[kind] !== undefined)?.counts[kind] ?? null;
  return { reviewCount: first('reviewCount'), litigationCount: first('litigationCount') };
}
