/** One reporting unit of the demo region, as the agency import takes it. */
export interface DemoAgency {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township' | 'other';
  kind: 'government' | 'department' | 'development_zone' | 'subdistrict' | 'town' | 'other';
  parentCode: string | null;
  /** How busy it is with requests: a multiplier on the model's means. */
  activity: number;
}

const COUNTY = '青山县';
const DEPARTMENTS: readonly [string, number][] = [
  ['人民政府办公室', 2.5],
  ['发展和改革局', 1.2],
  ['教育局', 1.5],
  ['科学技术局', 0.4],
  ['工业和信息化局', 0.6],
  ['公安局', 2.0],
  ['民政局', 1.0],
  ['司法局', 0.8],
  ['财政局', 1.0],
  ['人力资源和社会保障局', 1.8],
  ['自然资源局', 3.0],
  ['生态环境局', 1.2],
  ['住房和城乡建设局', 2.6],
  ['交通运输局', 1.0],
  ['水利局', 0.7],
  ['农业农村局', 1.1],
  ['商务局', 0.5],
  ['文化广电和旅游局', 0.5],
  ['卫生健康委员会', 1.2],
  ['退役军人事务局', 0.4],
  ['应急管理局', 0.6],
  ['审计局', 0.3],
  ['市场监督管理局', 1.6],
  ['统计局', 0.3],
  ['医疗保障局', 0.6],
  ['林业局', 0.5],
  ['城市管理局', 1.0],
  ['行政审批局', 0.9],
  ['信访局', 0.4],
  ['税务局', 0.8],
  ['住房公积金管理中心', 0.5],
  ['机关事务管理局', 0.2],
  ['体育局', 0.2],
  ['粮食和物资储备局', 0.2],
  ['气象局', 0.1],
];
const TOWNS = [
  '青山镇',
  '白沙镇',
  '石桥镇',
  '桃源镇',
  '龙泉镇',
  '柳溪镇',
  '清河镇',
  '东岭乡',
  '西坪乡',
  '南湖乡',
  '北港乡',
  '云台乡',
  '梅林乡',
  '金山乡',
  '凤凰乡',
  '双溪乡',
];
const SUBDISTRICTS = ['城关街道', '新华街道', '滨江街道'];

/**
 * The demo region: 青山县 (a county) with its departments, towns, subdistricts and a
 * development zone — 56 reporting units under one government, all fictitious.
 */
export function demoRegion(): DemoAgency[] {
  const root: DemoAgency = {
    code: 'QS',
    name: `${COUNTY}人民政府`,
    level: 'county',
    kind: 'government',
    parentCode: null,
    activity: 3,
  };
  const departments = DEPARTMENTS.map(([name, activity], index): DemoAgency => ({
    code: `QS-D${String(index + 1).padStart(2, '0')}`,
    name: `${COUNTY}${name}`,
    level: 'county',
    kind: 'department',
    parentCode: root.code,
    activity,
  }));
  const towns = TOWNS.map((name, index): DemoAgency => ({
    code: `QS-T${String(index + 1).padStart(2, '0')}`,
    name: `${COUNTY}${name}人民政府`,
    level: 'township',
    kind: 'town',
    parentCode: root.code,
    activity: 0.3,
  }));
  const subdistricts = SUBDISTRICTS.map((name, index): DemoAgency => ({
    code: `QS-S${String(index + 1).padStart(2, '0')}`,
    name: `${COUNTY}${name}办事处`,
    level: 'township',
    kind: 'subdistrict',
    parentCode: root.code,
    activity: 0.5,
  }));
  const zone: DemoAgency = {
    code: 'QS-Z01',
    name: `${COUNTY}经济开发区管理委员会`,
    level: 'county',
    kind: 'development_zone',
    parentCode: root.code,
    activity: 0.8,
  };
  return [root, ...departments, ...towns, ...subdistricts, zone];
}
