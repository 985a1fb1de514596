import type { SeededRandom } from './random';

/*
 * Prose for parts 一 and 五 as agencies write it: set phrases every report uses, sentences put
 * together from a bank of stock clauses (which many agencies share, as real ones do), and
 * sentences about the agency's own projects, campaigns and documents, named with made-up names.
 * What copying detection is tried on, and what the demo shows.
 */

export interface NarrativeText {
  /** 一、总体情况 */
  readonly overview: string;
  /** 五、存在的主要问题及改进情况 */
  readonly problems: string;
}

/** Sentences nearly every report has: the boilerplate copy detection must not count. */
const SET_PHRASES = [
  '现将本年度政府信息公开工作情况报告如下',
  '本报告中所列数据的统计期限自1月1日起至12月31日止',
];

const LEADS = [
  '坚持以人民为中心',
  '深入贯彻落实党中央、国务院关于全面推进政务公开的决策部署',
  '认真贯彻《中华人民共和国政府信息公开条例》',
  '紧紧围绕中心工作',
  '对标上级政务公开工作要点',
];
const AIMS = [
  '持续提升政务公开质量',
  '推动政务公开标准化规范化',
  '不断增强政府工作透明度',
  '切实保障人民群众知情权、参与权和监督权',
  '以公开促落实、强监管、优服务',
];
const TOPICS = [
  '重大建设项目',
  '财政预决算',
  '公共资源配置',
  '社会公益事业',
  '行政执法',
  '惠企政策',
  '民生实事',
  '教育医疗',
  '生态环境',
  '安全生产',
  '乡村振兴',
  '营商环境',
];
const VERBS = [
  '细化公开内容',
  '加大公开力度',
  '规范公开流程',
  '及时更新发布',
  '强化动态管理',
  '丰富公开形式',
  '完善公开目录',
  '拓展公开渠道',
];
const CHANNELS = [
  '门户网站',
  '政务新媒体',
  '政务公开专区',
  '政府信息公开专栏',
  '便民服务中心',
  '村务公开栏',
];
const ACTIONS = [
  '开展政策解读',
  '组织政府开放日活动',
  '回应社会关切',
  '召开新闻发布会',
  '开展业务培训',
  '落实保密审查',
];
const HOW = [
  '采用图文、视频等形式',
  '邀请企业群众代表参与',
  '结合工作实际',
  '按照“谁制定、谁解读”的原则',
  '依托线上线下渠道',
  '通过专人负责、定期检查',
];
const PROBLEMS = [
  '政策解读形式还不够丰富',
  '基层公开标准化规范化水平有待提升',
  '公开内容的时效性还需加强',
  '政务新媒体互动回应不够及时',
  '依申请公开答复的规范性有待提高',
  '公开专栏的栏目设置不够清晰',
  '部分信息更新不够及时',
  '工作人员业务能力还需提高',
];
const REMEDIES = [
  '加强业务培训',
  '健全工作机制',
  '完善考核评议',
  '强化日常监督检查',
  '优化栏目设置',
  '提高解读质量',
  '加强新媒体运维管理',
  '规范答复文书',
];

/** Characters that names of places, projects and campaigns are made of. */
const NAME_CHARACTERS =
  '东南西北中青山水河湖石林桥溪阳光明华新兴安平和泰丰源长城金银玉龙凤云海江川田园春秋花竹松梅兰荷绿红白黄清泉峰岭湾港塘坊庄镇村社区街道民生福康宁乐益惠智慧数字融合治理服务发展振兴';
const PROJECT_KINDS = [
  '改造工程',
  '提升项目',
  '示范区',
  '服务中心',
  '产业园',
  '安置小区',
  '综合体',
  '便民站',
];
const CAMPAIGNS = ['进社区', '面对面', '开放日', '大走访', '解读周', '我来说', '零距离'];
const DOCUMENT_KINDS = ['实施方案', '管理办法', '工作指引', '行动计划', '若干措施'];

/** A made-up proper name: what makes an agency's text its own (and what a copy carries over). */
function nameOf(random: SeededRandom, length: number): string {
  let name = '';
  for (let i = 0; i < length; i++)
    name += NAME_CHARACTERS[random.int(0, NAME_CHARACTERS.length - 1)];
  return name;
}

/** A sentence about something only this agency did: a project, a campaign, a document. */
function specificSentenceOf(random: SeededRandom): string {
  switch (random.int(0, 3)) {
    case 0:
      return `重点公开了${nameOf(random, 3)}${random.pick(PROJECT_KINDS)}、${nameOf(random, 2)}${random.pick(PROJECT_KINDS)}等项目的批准、实施和资金使用情况`;
    case 1:
      return `制发《${nameOf(random, 2)}${random.pick(TOPICS)}${random.pick(DOCUMENT_KINDS)}》并同步发布图文解读`;
    case 2:
      return `在${nameOf(random, 2)}街道、${nameOf(random, 2)}社区开展“政策${random.pick(CAMPAIGNS)}”活动，现场答复群众关于${nameOf(random, 3)}${random.pick(PROJECT_KINDS)}的咨询`;
    default:
      return `针对${nameOf(random, 3)}片区${random.pick(TOPICS)}问题，会同${nameOf(random, 2)}办公室逐项公开办理进度和结果`;
  }
}

function sentenceOf(random: SeededRandom, agency: string, year: number, items: number): string {
  if (random.chance(0.55)) return specificSentenceOf(random);
  switch (random.int(0, 4)) {
    case 0:
      return `${year}年，${agency}${random.pick(LEADS)}，${random.pick(AIMS)}`;
    case 1:
      return `围绕${random.pick(TOPICS)}、${random.pick(TOPICS)}等重点领域，${random.pick(VERBS)}，全年通过${random.pick(CHANNELS)}发布信息${items}条`;
    case 2:
      return `${random.pick(HOW)}，${random.pick(ACTIONS)}${random.int(2, 30)}次，${random.pick(VERBS)}`;
    case 3:
      return `在${random.pick(CHANNELS)}设置${random.pick(TOPICS)}栏目，${random.pick(HOW)}${random.pick(VERBS)}`;
    default:
      return `${random.pick(ACTIONS)}方面，${agency}${random.pick(HOW)}，${random.pick(AIMS)}`;
  }
}

/** Parts 一 and 五 of one agency's report for one year. */
export function narrativeText(random: SeededRandom, agency: string, year: number): NarrativeText {
  const overview = [SET_PHRASES[0] ?? ''];
  const count = random.int(6, 10);
  for (let i = 0; i < count; i++)
    overview.push(sentenceOf(random, agency, year, random.int(20, 900)));
  overview.push(SET_PHRASES[1] ?? '');
  const problems: string[] = [];
  const problemCount = random.int(2, 3);
  for (let i = 0; i < problemCount; i++)
    problems.push(
      `${['一是', '二是', '三是'][i] ?? ''}${random.pick(PROBLEMS)}，如${nameOf(random, 3)}专栏的${random.pick(TOPICS)}信息未能及时更新`,
    );
  problems.push(
    `下一步，${agency}将${random.pick(REMEDIES)}，${random.pick(REMEDIES)}，${random.pick(AIMS)}`,
  );
  return { overview: `${overview.join('。')}。`, problems: `${problems.join('；')}。` };
}
