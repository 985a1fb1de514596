import type { SeededRandom } from '../seeded-random';
import type { ProfileName } from './value-profiles';

/** Made-up but plausible agency names: a city, maybe a district, and a body of that level. */
const CITIES = ['南江市', '东湖市', '西林市', '北川市', '临江市', '云溪市', '青州市', '安平市'];
const DISTRICTS = ['青山区', '河东区', '高新区', '城关区', '江北县', '永安县'];
const TOWNS = ['城关镇人民政府', '河口镇人民政府', '东城街道办事处', '桥西街道办事处'];
const BODIES = [
  '人民政府办公室',
  '生态环境局',
  '市场监督管理局',
  '交通运输局',
  '自然资源和规划局',
  '教育局',
  '卫生健康委员会',
  '住房和城乡建设局',
  '人力资源和社会保障局',
  '财政局',
];

export function randomAgency(random: SeededRandom, profile: ProfileName): string {
  const city = random.pick(CITIES);
  switch (profile) {
    case 'smallUnit':
      return `${city}${random.pick(DISTRICTS)}${random.pick(TOWNS)}`;
    case 'countyBureau':
      return `${city}${random.pick(DISTRICTS)}${random.pick(BODIES)}`;
    case 'cityBureau':
      return `${city}${random.chance(0.2) ? '人民政府' : random.pick(BODIES)}`;
  }
}
