import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * `atlas/api-module-surface`: a file of the API reaches a bounded context under
 * apps/api/src/modules/<context>/ from outside it only through the context's public surface,
 * its `index.ts` (`import { ReportsService } from '../reports'`). What the index does not export
 * — entities, repositories, mappers, projection or parsing internals — stays inside the context.
 * Tests under apps/api/test and the database's entity list (database/) are outside the rule.
 */
const MODULES = join('apps', 'api', 'src', 'modules');

/** `reports` for apps/api/src/modules/reports/…, else null. */
function contextOf(path) {
  const inModules = relative(MODULES, path);
  if (inModules.startsWith('..') || inModules === '') return null;
  return inModules.split(sep)[0];
}

export const apiModuleSurface = {
  meta: {
    type: 'problem',
    docs: { description: 'Import another API module only through its index.ts' },
    schema: [],
    messages: {
      internal:
        "'{{source}}' reaches inside the {{context}} module: import it through its public surface '{{surface}}' (modules/{{context}}/index.ts) or export what you need there.",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = relative(root, context.filename);
    const from = contextOf(file);
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = relative(root, resolve(root, dirname(file), source));
      const to = contextOf(target);
      if (to === null || to === from) return;
      const surface = join(MODULES, to);
      if (target === surface || target === join(surface, 'index')) return;
      let suggestion = relative(dirname(file), surface);
      if (!suggestion.startsWith('.')) suggestion = `./${suggestion}`;
      context.report({
        node,
        messageId: 'internal',
        data: { source, context: to, surface: suggestion },
      });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) =>
        node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export const atlasLintPlugin = { rules: { 'api-module-surface': apiModuleSurface } };
