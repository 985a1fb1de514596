import { randomUUID } from 'node:crypto';
import type { SeededRandom } from '@atlas/demo-data';
import type { StoredAgency } from '../../modules/agencies';

/** One reporting unit of the benchmark province, as the agency table stores it. */
export interface BenchAgency extends StoredAgency {
  /** Multiplier on the report model's request volumes. */
  readonly activity: number;
}

/** What a unit is made from: the rest is its place in the tree. */
type BenchFields = Omit<
  BenchAgency,
  'id' | 'path' | 'depth' | 'parentId' | 'activeFromYear' | 'activeToYear'
>;

const PROVINCE = '青川省';
const CITIES = [
  '江宁',
  '云州',
  '临川',
  '安平',
  '望海',
  '白石',
  '长河',
  '东阳',
  '青原',
  '南屏',
  '北岭',
  '西陵',
  '泰和',
  '嘉禾',
];
/** Departments of a government, as named at city and county level (province: 厅 for 局). */
const DEPARTMENTS = [
  '发展和改革局',
  '教育局',
  '科学技术局',
  '工业和信息化局',
  '公安局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '商务局',
  '文化广电和旅游局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '林业局',
  '城市管理局',
  '行政审批局',
  '信访局',
  '税务局',
  '住房公积金管理中心',
  '机关事务管理局',
  '体育局',
  '粮食和物资储备局',
  '气象局',
  '人民政府办公室',
  '民族宗教事务局',
  '外事办公室',
  '档案局',
  '地方金融监督管理局',
  '国有资产监督管理委员会',
  '人民防空办公室',
  '数据资源局',
  '乡村振兴局',
  '供销合作社联合社',
  '消防救援大队',
  '自然资源执法监察大队',
  '不动产登记中心',
  '公共资源交易中心',
  '政务服务中心',
  '融媒体中心',
  '疾病预防控制中心',
  '残疾人联合会',
  '地震局',
  '烟草专卖局',
  '邮政管理局',
  '水文局',
  '公路事业发展中心',
  '教育考试院',
  '社会保险事业管理中心',
  '医疗保障基金监管中心',
];
const SYLLABLES_1 = '东西南北上下新老大小金银玉石清青白红黄云龙凤马牛桃柳梅松竹兰'.split('');
const SYLLABLES_2 = '山河湖江溪桥坪岭港田园林泉塘庄集店口湾洲坝岗峰源川'.split('');

/** Two-character place names, each used once per list (400 before the syllables repeat). */
function placeNames(random: SeededRandom, count: number): string[] {
  const names: string[] = [];
  const offset = random.int(0, SYLLABLES_1.length * SYLLABLES_2.length - 1);
  for (let i = 0; names.length < count; i++) {
    const n = (offset + i * 7) % (SYLLABLES_1.length * SYLLABLES_2.length);
    const round = Math.floor(i / (SYLLABLES_1.length * SYLLABLES_2.length));
    const name = `${SYLLABLES_1[n % SYLLABLES_1.length]}${SYLLABLES_2[Math.floor(n / SYLLABLES_1.length)]}`;
    names.push(round === 0 ? name : `${name}${round + 1}`);
  }
  return names;
}

function departmentName(index: number): string {
  const name = DEPARTMENTS[index % DEPARTMENTS.length] ?? '局';
  const round = Math.floor(index / DEPARTMENTS.length);
  return round === 0 ? name : `${name}第${round + 1}分局`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * A fictitious province of exactly `total` reporting units: the provincial government and its
 * departments, ~14 cities (government and departments), ~total/100 counties each with its
 * government, departments, a development zone, towns and subdistricts. Parents come before
 * their children.
 */
export function benchRegion(random: SeededRandom, total: number): BenchAgency[] {
  if (!Number.isInteger(total) || total < 20)
    throw new RangeError('a benchmark region needs at least 20 agencies');
  const counties = Math.max(1, Math.round(total / 100));
  const cities = clamp(Math.ceil(counties / 7), 1, CITIES.length);
  const provinceDepartments = clamp(Math.round(total * 0.0045), 2, 45);
  const cityDepartments = clamp(Math.round(total * 0.004), 2, 40);
  const countyBudget = total - 1 - provinceDepartments - cities * (1 + cityDepartments);
  if (countyBudget < counties * 2)
    throw new RangeError(`too few agencies for ${counties} counties`);

  const agencies: BenchAgency[] = [];
  const add = (fields: BenchFields, parent: BenchAgency | null): BenchAgency => {
    const id = randomUUID();
    const agency: BenchAgency = {
      ...fields,
      id,
      parentId: parent?.id ?? null,
      path: parent ? `${parent.path}.${id}` : id,
      depth: parent ? parent.depth + 1 : 0,
      // Every unit reports in every year of the benchmark.
      activeFromYear: null,
      activeToYear: null,
    };
    agencies.push(agency);
    return agency;
  };
  const activity = (min: number, max: number) =>
    Math.round((min + random.next() * (max - min)) * 100) / 100;

  const province = add(
    {
      code: 'QC',
      name: `${PROVINCE}人民政府`,
      level: 'province',
      kind: 'government',
      activity: 25,
    },
    null,
  );
  for (let d = 0; d < provinceDepartments; d++) {
    add(
      {
        code: `QC-D${pad(d + 1)}`,
        name: `${PROVINCE}${departmentName(d).replace(/局$/, '厅')}`,
        level: 'province',
        kind: 'department',
        activity: activity(2, 8),
      },
      province,
    );
  }

  const countyNames = placeNames(random, counties);
  let countyIndex = 0;
  for (let c = 0; c < cities; c++) {
    const cityName = `${CITIES[c]}市`;
    const cityCode = `QC-C${pad(c + 1)}`;
    const city = add(
      {
        code: cityCode,
        name: `${cityName}人民政府`,
        level: 'city',
        kind: 'government',
        activity: 12,
      },
      province,
    );
    for (let d = 0; d < cityDepartments; d++) {
      add(
        {
          code: `${cityCode}-D${pad(d + 1)}`,
          name: `${cityName}${departmentName(d)}`,
          level: 'city',
          kind: 'department',
          activity: activity(1, 4),
        },
        city,
      );
    }
    // Counties are dealt out to the cities in turn-sized blocks.
    const cityCounties = Math.floor(counties / cities) + (c < counties % cities ? 1 : 0);
    for (let k = 0; k < cityCounties; k++, countyIndex++) {
      const budget =
        Math.floor(countyBudget / counties) + (countyIndex < countyBudget % counties ? 1 : 0);
      addCounty(
        random,
        add,
        activity,
        city,
        `${cityCode}-K${pad(k + 1)}`,
        countyNames[countyIndex] ?? '',
        k,
        budget,
      );
    }
  }
  return agencies;
}

function addCounty(
  random: SeededRandom,
  add: (fields: BenchFields, parent: BenchAgency | null) => BenchAgency,
  activity: (min: number, max: number) => number,
  city: BenchAgency,
  code: string,
  place: string,
  index: number,
  budget: number,
): void {
  const name = `${place}${index % 3 === 0 ? '区' : '县'}`;
  const county = add(
    { code, name: `${name}人民政府`, level: 'county', kind: 'government', activity: 3 },
    city,
  );
  const rest = budget - 1;
  const zone = rest >= 20 ? 1 : 0;
  const departments = Math.round((rest - zone) * 0.55);
  const townships = rest - zone - departments;
  const subdistricts = Math.round(townships * 0.2);
  for (let d = 0; d < departments; d++) {
    add(
      {
        code: `${code}-D${pad(d + 1)}`,
        name: `${name}${departmentName(d)}`,
        level: 'county',
        kind: 'department',
        activity: activity(0.1, 3),
      },
      county,
    );
  }
  if (zone) {
    add(
      {
        code: `${code}-Z01`,
        name: `${name}经济开发区管理委员会`,
        level: 'county',
        kind: 'development_zone',
        activity: 0.8,
      },
      county,
    );
  }
  const townNames = placeNames(random, townships);
  for (let t = 0; t < townships; t++) {
    const subdistrict = t < subdistricts;
    add(
      {
        code: `${code}-${subdistrict ? 'S' : 'T'}${pad(t + 1)}`,
        name: subdistrict
          ? `${name}${townNames[t]}街道办事处`
          : `${name}${townNames[t]}${t % 4 === 3 ? '乡' : '镇'}人民政府`,
        level: 'township',
        kind: subdistrict ? 'subdistrict' : 'town',
        activity: subdistrict ? 0.5 : 0.3,
      },
      county,
    );
  }
}
