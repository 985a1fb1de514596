import { emptyNarrativeMetrics } from '@atlas/report-model';
import { findCaseCounts } from './case-counts';
import {
  extractNarrativeMetrics,
  findApplicationsReceived,
  findCompletionRate,
  findInspectionPassRates,
  findProcessingFeeYuan,
} from './metrics';
import { compactText } from './normalize';
import { findPublishedItems } from './published-items';

/** The finders read compacted text, as extractNarrativeMetrics gives them. */
const applications = (text: string) => findApplicationsReceived(compactText(text));
const fee = (text: string) => findProcessingFeeYuan(compactText(text));
const cases = (text: string) => findCaseCounts(compactText(text));
const published = (text: string) => findPublishedItems(compactText(text));

describe('applicationsReceived', () => {
  it.each([
    ['2023 年，济源经开区共收到政府信息公开申请 2 件，办结率 100%。', 2],
    ['2023 年全区受理政府信息公开申请 21 件，均在法定期限答复。', 21],
    ['区政府办代表区政府受理政府\n信息公开申请 17 件', 17],
    ['2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件）', 3119],
    ['本年度全区共收到70件申请，及时依法依规办结69件', 70],
    ['2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件', 75],
    ['2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件', 81],
    ['市政府共受理政府信息公开申请 1,295 件，办结 1191 件', 1295],
    ['全年新收政府信息公开申请７４件，上年结转1件。', 74],
    ['共收到申请：12件', 12],
    ['受理依申请公开事项十二件', 12],
    ['共收到政府信息公开申请100余件', 100],
    ['全年未收到政府信息公开申请。', 0],
  ])('%s → %d', (text, count) => {
    expect(applications(text)).toBe(count);
  });

  it.each([
    ['全年办理政府信息公开申请218件。'],
    ['办结政府信息公开申请81件'],
    ['答复申请 3050 件'],
    ['受理上级转办的政府信息公开申请3件'],
    ['收到行政复议申请2件'],
    ['不予受理申请3件'],
    ['及时受理申请人的申请，答复率100%'],
    ['一、本年新收政府信息公开申请数量 2 0 0 0 0 0 2'],
  ])('%s → null', (text) => {
    expect(applications(text)).toBeNull();
  });
});

describe('completionRate', () => {
  it.each([
    ['办结率 100%', 100],
    ['办结率为９９.５％', 99.5],
    ['办结率达到百分之百', 100],
  ])('%s → %d', (text, rate) => {
    expect(findCompletionRate(compactText(text))).toBe(rate);
  });

  it('is null when not stated', () => {
    expect(findCompletionRate('按时答复率100%')).toBeNull();
  });
});

describe('inspectionPassRates', () => {
  it('names the inspection before the rate', () => {
    expect(
      findInspectionPassRates(
        compactText(
          '在示范区每季度的政府信息公开专栏和政务新媒体检查通报中，合格率均为 100%。' +
            '在省办 2024 年四个季度政务新媒体检查抽查中，合格率均\n为 100%。网站检查合格率98.5%。',
        ),
      ),
    ).toEqual([
      { subject: '政府信息公开专栏和政务新媒体检查通报', rate: 100 },
      { subject: '政务新媒体检查抽查', rate: 100 },
      { subject: '网站检查', rate: 98.5 },
    ]);
  });

  it('is empty when not stated', () => {
    expect(findInspectionPassRates('未开展检查。')).toEqual([]);
  });
});

describe('processingFeeYuan', () => {
  it.each([
    ['2023年未收取信息公开处理费用。', 0],
    ['2021年，无收取信息处理费情况。', 0],
    ['2025 年度本机关未收取信息公开处理费。', 0],
    ['本机关不收取任何费用。', 0],
    ['未发生收取信息处理费的情况。', 0],
    ['全年未产生信息处理费。', 0],
    ['全年收取政府信息公开信息处理费 0 元。', 0],
    ['全年收取政府信息公开信息处理费 3940 元。', 3940],
    ['收取信息处理费共计1,200.5元', 1200.5],
    ['信息处理费收入0.12万元', 1200],
  ])('%s → %d', (text, yuan) => {
    expect(fee(text)).toBe(yuan);
  });

  it.each([
    ['要求各单位依法落实信息处理费有关规定。'],
    ['学习《关于做好政府信息公开信息处理费收入收缴管理有关事项的通知》'],
    ['行政事业性收费 7730.28 万元'],
  ])('%s → null', (text) => {
    expect(fee(text)).toBeNull();
  });
});

describe('reviewCount / litigationCount', () => {
  it.each([
    [
      '政府信息公开行政复议 351 件，其中结果维持 72 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件',
      351,
      46,
    ],
    ['共有行政诉讼案件1件、行政复议案件2件，均已结案。', 2, 1],
    ['因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。', 2, 7],
    ['发生2起行政复议。被申请行政复议共3起', 2, null],
    ['行政复议、行政诉讼案件各1件。', 1, 1],
    ['未发生因政府信息公开引起的行政复议、行政诉讼案件。', 0, 0],
    ['全年没有行政诉讼。', null, 0],
  ])('%s → %s / %s', (text, review, litigation) => {
    expect(cases(text)).toEqual({ reviewCount: review, litigationCount: litigation });
  });

  it.each([
    ['全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。'],
    ['行政复议和行政诉讼案件共3件。'],
    ['加强行政复议、行政诉讼案件的处理工作。'],
    ['行政复议结果维持72件'],
  ])('%s → null / null', (text) => {
    expect(cases(text)).toEqual({ reviewCount: null, litigationCount: null });
  });
});

describe('publishedItems', () => {
  it('reads the channel after 通过 / 在, a platform named first, or the words as written', () => {
    expect(
      published(
        '2023 年，济源经开区坚持多渠道公开，通过政府信息公开专栏发布政务信息 160 余条，' +
          '通过“济源经济技术开发区”官方微博发布信息 270 余条。' +
          '2023 年，我区在政府网站平台主动公开政府信息 1136 条。' +
          '2024 年，市政府网站主动公开各类政府信息 5500 余条。' +
          '通过政府门户网站全年主动公开各类政府信息10407条。' +
          '全年主动公开政府信息2645条。',
      ),
    ).toEqual([
      { channel: '政府信息公开专栏', count: 160, approximate: true },
      { channel: '“济源经济技术开发区”官方微博', count: 270, approximate: true },
      { channel: '政府网站平台', count: 1136, approximate: false },
      { channel: '市政府网站', count: 5500, approximate: true },
      { channel: '政府门户网站', count: 10407, approximate: false },
      { channel: '主动公开政府信息', count: 2645, approximate: false },
    ]);
  });

  it('marks 余 / 多 / 近 / 约 / 超过 as approximate, reads full-width digits, skips bare 信息', () => {
    expect(
      published(
        '主动公开政府信息近３００条，发布政务信息约50篇，推送政务信息超过1000条，发布政务信息20多条，推送信息9条',
      ),
    ).toEqual([
      { channel: '主动公开政府信息', count: 300, approximate: true },
      { channel: '发布政务信息', count: 50, approximate: true },
      { channel: '推送政务信息', count: 1000, approximate: true },
      { channel: '发布政务信息', count: 20, approximate: true },
    ]);
  });

  it('takes a platform the sentence quotes, and skips counts about one topic or documents', () => {
    expect(
      published(
        '“上海国际服务门户”新增意大利语网站，目前已覆盖 10 个语种，共发布各类信息 13528 条。' +
          '本年度公开信息77条。全年主动公开市政府规章 22 件。全年发布政策解读117篇。',
      ),
    ).toEqual([{ channel: '上海国际服务门户', count: 13528, approximate: false }]);
  });
});

describe('extractNarrativeMetrics', () => {
  it('reads part 一 and part 六 (jiyuan-etdz-2023)', () => {
    const overview = [
      '（一）主动公开情况',
      '2023 年，济源经开区坚持多渠道公开，通过政府信息公开专栏发布政务信息 160 余条。',
      '（二）依申请公开情况',
      '2023 年，济源经开区共收到政府信息公开申请 2 件，办结率 100%。',
      '（三）政府信息管理情况',
      '在示范区每季度的政府信息公开专栏和政务新媒体检查通报中，合格率均为 100%。',
    ].join('\n');
    expect(extractNarrativeMetrics(overview, '2023年未收取信息公开处理费用。')).toEqual({
      publishedItems: [{ channel: '政府信息公开专栏', count: 160, approximate: true }],
      applicationsReceived: 2,
      completionRate: 100,
      inspectionPassRates: [{ subject: '政府信息公开专栏和政务新媒体检查通报', rate: 100 }],
      processingFeeYuan: 0,
      reviewCount: null,
      litigationCount: null,
    });
  });

  it('gives null for everything a text does not state', () => {
    expect(extractNarrativeMetrics('', '')).toEqual(emptyNarrativeMetrics());
    expect(extractNarrativeMetrics('全年办理政府信息公开申请218件。', '无。')).toEqual(
      emptyNarrativeMetrics(),
    );
  });

  it('takes the fee from part 六 before part 一', () => {
    const metrics = extractNarrativeMetrics(
      '组织学习信息处理费收费标准，未收取费用。',
      '全年收取信息处理费 50 元。',
    );
    expect(metrics.processingFeeYuan).toBe(50);
  });
});
