import { normalizeText } from './tables/flat-text';

/**
 * Numbers of table 2 that part 一 states in words ("本年度制发的规范性文件77件",
 * "现行有效行政规范性文件698件"; in the 2019 format "新制作规范性文件2件"): they decide splits of table-2 digits that ran together,
 * where no sum can. Cell address → value.
 */
export function table2HintsFrom(text: string): Record<string, number> {
  const normalized = normalizeText(text).replace(/\s+/g, '');
  const hints: Record<string, number> = {};
  const take = (address: string, pattern: RegExp) => {
    const match = pattern.exec(normalized);
    if (match?.[1] && hints[address] === undefined) hints[address] = Number(match[1]);
  };
  const NORMATIVE = '(?:行政)?规范性文件';
  take('proactive.normativeDocuments.issued', new RegExp(`(?:本年度?|全年)?制发(?:的)?${NORMATIVE}(\\d+)件`));
  take('proactive.normativeDocuments.inForce', new RegExp(`现行有效(?:的)?${NORMATIVE}(\\d+)件`));
  take('proactive.normativeDocuments.repealed', new RegExp(`废止(?:的)?${NORMATIVE}(\\d+)件`));
  // The 2019 table counts what was newly made, newly published and published in all.
  take('proactive.normativeDocuments.newlyMade', new RegExp(`新制作(?:的)?${NORMATIVE}(\\d+)件`));
  take('proactive.normativeDocuments.newlyPublished', new RegExp(`新公开(?:的)?${NORMATIVE}(\\d+)件`));
  take('proactive.normativeDocuments.totalPublished', new RegExp(`对外公开(?:的)?${NORMATIVE}(?:总数量?|共计|合计)?(?:为|达)?(\\d+)件`));
  take('proactive.regulations.newlyMade', /新制作(?:的)?(?:政府)?规章(\d+)件/);
  take('proactive.regulations.newlyPublished', /新公开(?:的)?(?:政府)?规章(\d+)件/);
  take('proactive.regulations.issued', /(?:本年度?|全年)?制(?:发|定)(?:的)?(?:政府)?规章(\d+)件/);
  take('proactive.regulations.inForce', /现行有效(?:的)?(?:政府)?规章(\d+)件/);
  return hints;
}
