/**
 * htmlparser2 is published as an ES module only. Loading it with `import()` works in the
 * compiled CommonJS library and under Jest (whose CommonJS `require` cannot load ES modules
 * on Node 20), so the readers that use it are async; the module is loaded once.
 */
export type Htmlparser2 = typeof import('htmlparser2');

let loading: Promise<Htmlparser2> | undefined;

export function loadHtmlparser2(): Promise<Htmlparser2> {
  loading ??= import('htmlparser2');
  return loading;
}
