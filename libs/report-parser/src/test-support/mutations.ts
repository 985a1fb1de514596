import { SeededRandom } from '@atlas/report-samples';
import { strToU8, unzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';

/*
 * Seeded mutations of real and generated documents, for the fuzz test: the damage real files
 * show (truncated, bytes flipped, lines shuffled, cells lost or doubled, digits glued, decimals,
 * separators, units and full-width digits added, labels with typos). Text mutations work on the
 * decoded text of text, Markdown and HTML files and on the text nodes of DOCX/XLSX parts, so
 * most mutants are still documents the parser gets far into.
 */

export interface TextMutation {
  readonly name: string;
  apply(text: string, random: SeededRandom): string;
}

const NUMBER = /\d+(?:\.\d+)?/g;
const CELL_SEPARATOR = /\t|\s\|\s|\|/g;
const HAN = /[\u4e00-\u9fff]/g;
const TYPO_CHARS = '的一是在不了有和人这中大为上个国以要时来用生到作地于出就分对成会可主发年动同工也能下过子说种面而方后多定行学法所民得经十三之进着等部度家力里如水化高自二理起小物现实加量都两体制机当使点从业本去性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反看原又么利比或但质气第向道命此变条只没结解问意建月公无系很情者最立代想已通并提直题党程展五果料象员位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集';

function randomMatch(text: string, pattern: RegExp, random: SeededRandom): RegExpExecArray | null {
  const matches = [...text.matchAll(new RegExp(pattern.source, 'g'))];
  if (matches.length === 0) return null;
  return matches[random.int(0, matches.length - 1)] as RegExpExecArray;
}

function replaceAt(text: string, at: number, length: number, by: string): string {
  return text.slice(0, at) + by + text.slice(at + length);
}

/** Applies `edit` to `times` random matches of `pattern`. */
function editMatches(
  times: number,
  pattern: RegExp,
  edit: (match: string, random: SeededRandom) => string,
): TextMutation['apply'] {
  return (text, random) => {
    let out = text;
    for (let i = 0; i < times; i++) {
      const match = randomMatch(out, pattern, random);
      if (!match) break;
      out = replaceAt(out, match.index, match[0].length, edit(match[0], random));
    }
    return out;
  };
}

const toFullWidth = (digits: string): string =>
  digits.replace(/[0-9.]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));

export const TEXT_MUTATIONS: readonly TextMutation[] = [
  {
    name: 'truncated',
    apply: (text, random) => text.slice(0, random.int(0, text.length)),
  },
  {
    name: 'lines shuffled',
    apply: (text, random) => {
      const lines = text.split('\n');
      for (let i = 0; i < random.int(1, 6); i++) {
        const a = random.int(0, lines.length - 1);
        const b = Math.min(lines.length - 1, Math.max(0, a + random.int(-8, 8)));
        [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      }
      return lines.join('\n');
    },
  },
  {
    name: 'lines deleted or doubled',
    apply: (text, random) => {
      const lines = text.split('\n');
      for (let i = 0; i < random.int(1, 4); i++) {
        const at = random.int(0, lines.length - 1);
        if (random.chance(0.5)) lines.splice(at, 1);
        else lines.splice(at, 0, lines[at] ?? '');
      }
      return lines.join('\n');
    },
  },
  {
    name: 'cells deleted',
    apply: editMatches(3, CELL_SEPARATOR, () => ''),
  },
  {
    name: 'cells doubled',
    apply: editMatches(3, /[^\t|\n<>]+(?:\t|\|)/, (cell) => cell + cell),
  },
  {
    name: 'digits glued',
    apply: editMatches(6, /\d(?:\t|\s+\|\s+|\s+|\|)\d/, (match) => `${match[0]}${match[match.length - 1]}`),
  },
  {
    name: 'decimals added',
    apply: editMatches(5, /\d+/, (digits, random) => `${digits}.${random.int(0, 99)}`),
  },
  {
    name: 'thousands separators',
    apply: editMatches(5, /\d{2,}/, (digits, random) => {
      const at = random.int(1, digits.length - 1);
      return `${digits.slice(0, at)}${random.chance(0.5) ? ',' : '，'}${digits.slice(at)}`;
    }),
  },
  {
    name: 'full-width digits',
    apply: editMatches(8, NUMBER, toFullWidth),
  },
  {
    name: 'units added',
    apply: editMatches(5, NUMBER, (number, random) => number + ['件', '元', '万元', '条', '%', '个'][random.int(0, 5)]),
  },
  {
    name: 'signs and huge numbers',
    apply: editMatches(4, NUMBER, (number, random) =>
      random.chance(0.5) ? `-${number}` : random.chance(0.5) ? '9'.repeat(random.int(16, 40)) : `减${number}`,
    ),
  },
  {
    name: 'label typos',
    apply: editMatches(6, HAN, (_char, random) =>
      random.chance(0.3) ? '' : TYPO_CHARS[random.int(0, TYPO_CHARS.length - 1)] ?? '',
    ),
  },
  {
    name: 'brackets and separators inserted',
    apply: (text, random) => {
      let out = text;
      for (let i = 0; i < random.int(1, 8); i++) {
        const at = random.int(0, out.length);
        out = out.slice(0, at) + ['（', ')', '|', '\t', '\n', '、', '.', ' ', '/', '—'][random.int(0, 9)] + out.slice(at);
      }
      return out;
    },
  },
  {
    name: 'several at once',
    apply: (text, random) => {
      let out = text;
      const others = TEXT_MUTATIONS.filter((mutation) => mutation.name !== 'several at once' && mutation.name !== 'truncated');
      for (let i = 0; i < 3; i++) out = others[random.int(0, others.length - 1)]?.apply(out, random) ?? out;
      return out;
    },
  },
];

/** Bytes damaged without regard to the format: flipped, cut off, a block zeroed or repeated. */
export function damageBytes(bytes: Uint8Array, random: SeededRandom): { name: string; bytes: Uint8Array } {
  const out = bytes.slice();
  switch (random.int(0, 3)) {
    case 0:
      for (let i = 0; i < random.int(1, 20); i++) out[random.int(0, out.length - 1)] = random.int(0, 255);
      return { name: 'bytes flipped', bytes: out };
    case 1:
      return { name: 'truncated bytes', bytes: out.slice(0, random.int(0, out.length)) };
    case 2: {
      const at = random.int(0, out.length - 1);
      out.fill(0, at, Math.min(out.length, at + random.int(1, 4096)));
      return { name: 'block zeroed', bytes: out };
    }
    default: {
      const at = random.int(0, out.length - 1);
      const block = out.slice(at, at + random.int(1, 2048));
      const joined = new Uint8Array(out.length + block.length);
      joined.set(out.slice(0, at));
      joined.set(block, at);
      joined.set(out.slice(at), at + block.length);
      return { name: 'block repeated', bytes: joined };
    }
  }
}

/** A text document mutated in its decoded text, written back in its own encoding. */
export function mutateText(bytes: Uint8Array, random: SeededRandom): { name: string; bytes: Uint8Array } {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const gbk = utf8.includes('\ufffd');
  const text = gbk ? iconv.decode(Buffer.from(bytes), 'gb18030') : utf8;
  const mutation = TEXT_MUTATIONS[random.int(0, TEXT_MUTATIONS.length - 1)] as TextMutation;
  const mutated = mutation.apply(text, random);
  return { name: mutation.name, bytes: gbk ? new Uint8Array(iconv.encode(mutated, 'gb18030')) : strToU8(mutated) };
}

const XML_TEXT = /(?<=>)[^<]+(?=<)/g;

/**
 * A DOCX or XLSX with its text mutated inside the XML text nodes (the markup kept, so the
 * mutant still opens), or, now and then, its bytes damaged.
 */
export function mutateZipDocument(bytes: Uint8Array, random: SeededRandom): { name: string; bytes: Uint8Array } {
  if (random.chance(0.25)) return damageBytes(bytes, random);
  const parts = unzipSync(bytes);
  const names = Object.keys(parts).filter((name) => /^(word\/document|xl\/sharedStrings|xl\/worksheets\/sheet\d+)\.xml$/.test(name));
  const name = names[random.int(0, names.length - 1)];
  if (!name) return damageBytes(bytes, random);
  const xml = new TextDecoder().decode(parts[name]);
  const mutation = TEXT_MUTATIONS[random.int(0, TEXT_MUTATIONS.length - 1)] as TextMutation;
  // The text nodes joined with a marker, mutated as one text, and put back node by node.
  const nodes = [...xml.matchAll(XML_TEXT)];
  const MARK = '\u0007';
  const mutated = mutation.apply(nodes.map((node) => node[0]).join(MARK), random).split(MARK);
  let out = '';
  let at = 0;
  nodes.forEach((node, index) => {
    out += xml.slice(at, node.index) + (mutated[index] ?? '').replace(/</g, '&lt;');
    at = node.index + node[0].length;
  });
  out += xml.slice(at);
  parts[name] = strToU8(out);
  return { name: `${mutation.name} (${name})`, bytes: zipSync(parts) };
}
