import { initialJsFiles } from './web-bench';

describe('initialJsFiles', () => {
  it('follows the entry, its modulepreloads and their static imports, not lazy ones', async () => {
    const html = `<!doctype html><html><head>
      <script type="module" crossorigin src="/assets/index-a.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/framework-b.js">
      <link rel="stylesheet" href="/assets/index.css"></head></html>`;
    const chunks: Record<string, string> = {
      'assets/index-a.js':
        'import{a}from"./framework-b.js";import"./auth-c.js";const v=()=>import("./OverviewView-d.js");',
      'assets/framework-b.js': 'export const a=1;',
      'assets/auth-c.js': 'import{a}from"./framework-b.js";',
      'assets/OverviewView-d.js': 'import"./echarts-e.js";',
    };
    const files = await initialJsFiles(html, async (file) => {
      const code = chunks[file];
      if (code === undefined) throw new Error(`no ${file}`);
      return code;
    });
    expect(files.sort()).toEqual([
      'assets/auth-c.js',
      'assets/framework-b.js',
      'assets/index-a.js',
    ]);
  });
});
