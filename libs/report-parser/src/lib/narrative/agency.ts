/**
 * Completing an agency name that the title gives without its city: hongze-2023's title says
 * 洪泽区人民政府 while its text says 淮安市洪泽区人民政府办公室; jiyuan-etdz-2023's title says
 * 经济技术开发区管理办公室 while its text names “济源经济技术开发区”.
 */

/** Office words after the place: the text repeats the place (洪泽区) more often than the office. */
const OFFICE_SUFFIX =
  /(?:人民政府办公室|人民政府办公厅|管理委员会办公室|管委会办公室|管理办公室|管理委员会|管委会|人民政府|办公室|办公厅)$/;
/** A place that already names its province or city (淮安市…, 上海市…, …自治区…): left as it is. */
const ALREADY_QUALIFIED = /[省市]|自治区/;
/** Chinese characters at the end of a string: the word run before an occurrence of the place. */
const TRAILING_WORD_RUN = /[\u3400-\u9fff]+$/;
/** An opening quote or bracket: the run after it is a proper name (“济源经济技术开发区”, 《济源…》). */
const OPENING_QUOTE = /[“‘"'《〈「『（(【]/;
/**
 * Function words that end the word before a name ("本报告由淮安市洪泽区…", "请与淮安市…联系"): the
 * name starts after the last of them.
 */
const FUNCTION_CHARACTER = /[由与向在经对和及为是将把被从自据按的了于至]/g;
/** What a city or province ends with: 市, 省, 州 (自治州), 盟, 地区. */
const CITY_SUFFIX = /(?:市|省|州|盟|地区)$/;
/** Words that start a pronoun or quantifier (我区, 本市, 全区, 各…), never a place name. */
const NOT_A_PLACE_START = /^[我本全该各此其每]/;
/** How far before the place the qualifier is looked for. */
const LOOK_BACK = 10;

function qualifierBefore(text: string, index: number): string | null {
  const before = text.slice(Math.max(0, index - LOOK_BACK), index);
  const run = TRAILING_WORD_RUN.exec(before)?.[0];
  if (run === undefined) return null;
  const boundary = before.charAt(before.length - run.length - 1);
  if (OPENING_QUOTE.test(boundary) && run.length >= 2 && run.length <= 6) return run;
  const lastFunction = [...run.matchAll(FUNCTION_CHARACTER)].pop();
  const name = lastFunction === undefined ? run : run.slice(lastFunction.index + 1);
  const plausible = name.length >= 2 && name.length <= 5 && CITY_SUFFIX.test(name);
  return plausible && !NOT_A_PLACE_START.test(name) ? name : null;
}

/** The qualifier the text puts before the place most often (the longest on a tie), or null. */
function mostFrequentQualifier(text: string, place: string): string | null {
  const counts = new Map<string, number>();
  for (let index = text.indexOf(place); index >= 0; index = text.indexOf(place, index + 1)) {
    const qualifier = qualifierBefore(text, index);
    if (qualifier !== null) counts.set(qualifier, (counts.get(qualifier) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [qualifier, count] of counts) {
    const bestCount = best === null ? 0 : (counts.get(best) ?? 0);
    if (
      count > bestCount ||
      (count === bestCount && best !== null && qualifier.length > best.length)
    ) {
      best = qualifier;
    }
  }
  return best;
}

/**
 * The agency named by a title, with the city the text puts before its place when the title
 * leaves it out: ("洪泽区人民政府", text "…由淮安市洪泽区人民政府办公室…") → "淮安市洪泽区人民政府".
 * A name that already has its city or province, or that the text never qualifies, is unchanged.
 * `text` gives the report's compacted text (no whitespace inside Chinese text), read only when
 * the name needs completing.
 */
export function qualifyAgency(agency: string, text: () => string): string {
  const place = agency.replace(OFFICE_SUFFIX, '') || agency;
  if (ALREADY_QUALIFIED.test(place)) return agency;
  const qualifier = mostFrequentQualifier(text(), place);
  return qualifier === null ? agency : `${qualifier}${agency}`;
}
