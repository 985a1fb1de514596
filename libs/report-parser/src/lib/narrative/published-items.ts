/**
 * publishedItems: how many pieces of information part 一 says were published, and where.
 * "通过政府信息公开专栏发布政务信息 160 余条" → { channel: '政府信息公开专栏', count: 160, approximate: true }.
 */
import type { PublishedItemsCount } from '@atlas/report-model';

/**
 * A publishing verb, the information published, and a count of items:
 * - verb: 主动公开 / 主动发布 / 公开发布 (tried first, so the whole verb is kept), 发布, 公开,
 *   推送 (pushed to subscribers), 更新 (updated);
 * - object: up to 14 characters ending in 信息 (政务信息, 各类政府信息, 我区各级单位政府信息), with no
 *   second verb inside (so "政府信息公开专栏发布政务信息" reads from 发布, not from the 公开 of 信息公开);
 * - 共/共计/合计/累计/总计 before the number;
 * - approximate words: 近 / 约 / 超过 / 超 / 逾 before the number, 余 / 多 after it;
 * - unit: 条 (items), 篇 (articles), 则 (notices). 件 is left out: it counts documents (规章 22 件).
 */
const PUBLISHED_ITEMS = new RegExp(
  String.raw`(?<verb>主动公开|主动发布|公开发布|发布|公开|推送|更新)` +
    String.raw`(?<object>(?:(?!主动公开|发布|公开|推送)[^，,。；;！？、\d\s]){0,14}?信息)` +
    String.raw`(?:共计|共|合计|累计|总计)?(?<approxBefore>近|约|超过|超|逾)?(?<count>\d+)(?<approxAfter>余|多)?(?:条|篇|则)`,
  'g',
);

/** A clause break: what separates the channel of one statement from the previous statement. */
const CLAUSE_BREAK = /[，,。；;！？:：\n]/g;
/**
 * The channel introduced by a preposition: 通过 (through), 依托 / 利用 / 借助 (using), 经由 (via),
 * up to the end of the clause, with an optional trailing 上/中 ("在网站上"). Bare 经 is left
 * out: it is a character of names (济源经开区).
 */
const CHANNEL_AFTER_PREPOSITION = /(?:通过|依托|利用|借助|经由)(?<channel>.+?)(?:上|中)?$/;
/**
 * The channel introduced by 在 (on), tried after the prepositions above; not the 在 of 存在,
 * 所在, 现在, 实在, 正在.
 */
const CHANNEL_AFTER_ZAI = /(?<![存所现实正])在(?<channel>.+?)(?:上|中)?$/;
/**
 * Time and quantity words between the channel and the verb ("通过政府门户网站全年主动公开…",
 * "…网站共发布…"): not part of the channel.
 */
const TRAILING_TIME_WORDS = /(?:全年|本年度?|年内|今年|\d{4}年度?|共计?|累计|合计|总计)+$/;
/**
 * Words that open a clause before the channel ("2024年", "全年", "我区", "全市共"): dropped when
 * the clause names the channel without a preposition ("市政府网站主动公开…").
 */
const LEADING_SUBJECT_WORDS =
  /^(?:\d{4}年度?|全年|本年度?|年内|今年|截至目前)?(?:全区|全市|全县|全省|我区|我市|我县|我省|本机关|本单位)?(?:共计?|累计)?/;
/** What a channel is: a web site, platform, column, official account, microblog, app, gazette… */
const PLATFORM_WORD =
  /(?:网站|网|平台|专栏|栏目|公众号|微博|微信|客户端|App|APP|头条号|抖音号?|视频号|公报|门户|新媒体|政务号|小程序|屏|宣传栏)$/;

/** A sentence end: where the sentence that may name the channel starts. */
const SENTENCE_BREAK = /[。；;！？\n]/g;
/** A quoted name: “上海国际服务门户”, “济源经济技术开发区”. */
const QUOTED_NAME = /“(?<name>[^“”]{2,24})”/g;
/**
 * Information that counts as published items when no channel is named: 政府信息, 政务信息, 各类信息
 * (all information), or anything 主动公开/主动发布. A bare "公开信息1654条" about one topic is not.
 */
const GENERAL_INFORMATION = /政府信息|政务信息|各类信息/;

/** The start of the clause (after the last match of `breaks`) or sentence that holds `index`. */
function startBefore(text: string, index: number, breaks: RegExp): number {
  let start = 0;
  for (const match of text.slice(0, index).matchAll(breaks)) start = match.index + 1;
  return start;
}

/** A platform the sentence names in quotes before the statement ("“上海国际服务门户”…共发布…"). */
function quotedPlatform(sentence: string): string | null {
  const names = [...sentence.matchAll(QUOTED_NAME)]
    .map((m) => m.groups?.['name'] ?? '')
    .filter((name) => PLATFORM_WORD.test(name));
  return names.pop() ?? null;
}

/** Where the items were published: after 通过/在…, or a platform named first, or null. */
function channelOf(clause: string): string | null {
  const introduced = (CHANNEL_AFTER_PREPOSITION.exec(clause) ?? CHANNEL_AFTER_ZAI.exec(clause))
    ?.groups?.['channel'];
  if (introduced !== undefined) {
    const channel = introduced.replace(TRAILING_TIME_WORDS, '');
    if (channel.length > 0) return channel;
  }
  const named = clause.replace(TRAILING_TIME_WORDS, '').replace(LEADING_SUBJECT_WORDS, '');
  return named.length > 0 && PLATFORM_WORD.test(named) ? named : null;
}

/**
 * The channel of a statement at `index`: named in its clause, else a quoted platform of its
 * sentence, else the statement's own words when they are about information in general
 * ("主动公开政府信息"), else null (a count about one topic, not published items as such).
 */
function channelAt(text: string, index: number, verb: string, object: string): string | null {
  const clause = text.slice(startBefore(text, index, CLAUSE_BREAK), index);
  const sentence = text.slice(startBefore(text, index, SENTENCE_BREAK), index);
  const asWritten = `${verb}${object}`;
  const general = verb.startsWith('主动') || GENERAL_INFORMATION.test(object);
  return channelOf(clause) ?? quotedPlatform(sentence) ?? (general ? asWritten : null);
}

/**
 * Every "发布/公开…信息 N 条" statement of a compacted text (see compactText), in order, without
 * repeats. Empty when the text states none.
 */
export function findPublishedItems(text: string): PublishedItemsCount[] {
  const items: PublishedItemsCount[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(PUBLISHED_ITEMS)) {
    const groups = match.groups ?? {};
    const channel = channelAt(text, match.index, groups['verb'] ?? '', groups['object'] ?? '');
    const count = Number(groups['count']);
    const key = `${channel}|${count}`;
    if (channel === null || seen.has(key)) continue;
    seen.add(key);
    const approximate = groups['approxBefore'] !== undefined || groups['approxAfter'] !== undefined;
    items.push({ channel, count, approximate });
  }
  return items;
}
