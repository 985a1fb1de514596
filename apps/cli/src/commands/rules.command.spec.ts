import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '@atlas/report-model';
import { runCli } from '../program';
import { rulesMarkdown } from './rules.command';

const RULES_DOC = join(__dirname, '../../../../docs/rules.md');

describe('atlas rules', () => {
  it('docs/rules.md is the catalogue as the command prints it', () => {
    // When this fails after a rule changed: npm run atlas -- rules --markdown > docs/rules.md
    expect(readFileSync(RULES_DOC, 'utf8')).toBe(rulesMarkdown());
  });

  it('prints one row per rule, with its source', () => {
    const markdown = rulesMarkdown();
    for (const rule of RULES) expect(markdown).toContain(`| \`${rule.id}\` | ${rule.name} |`);
    expect(markdown).toContain('格式模板：国办公开办函〔2021〕30号');
  });

  it('prints the catalogue as JSON with sources', async () => {
    let out = '';
    expect(await runCli(['rules', '--json'], { out: (text) => (out += text), err: () => undefined })).toBe(0);
    const printed = JSON.parse(out) as { id: string; source: { cite: string } }[];
    expect(printed.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    expect(printed.every((rule) => rule.source.cite.length > 0)).toBe(true);
  });
});
