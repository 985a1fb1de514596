import { ParseError } from '../document';

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

/**
 * Deepest element nesting a reader follows. Word nests a table in a table in about five levels
 * of elements and Word's HTML in about ten; no real report comes near this.
 */
export const MAX_ELEMENT_DEPTH = 1000;

interface ElementHandlers {
  onopentag?(name: string, attribs: Record<string, string>): void;
  onclosetag?(name: string, isImplied?: boolean): void;
}

/**
 * `handlers` that refuse a document nested deeper than `maxDepth`: htmlparser2 keeps its stack of
 * open elements with `unshift`/`shift`, so each level costs as much as the depth so far, and a
 * DOCX of 200,000 nested paragraphs (a few KB zipped) once took 142 s to read.
 */
export function withDepthLimit<H extends ElementHandlers>(
  handlers: H,
  maxDepth = MAX_ELEMENT_DEPTH,
): H {
  let depth = 0;
  return {
    ...handlers,
    onopentag(name: string, attribs: Record<string, string>) {
      if (++depth > maxDepth) {
        throw new ParseError(
          'CORRUPT_FILE',
          `文件结构异常：元素嵌套超过 ${maxDepth} 层，不是正常的文档，已拒绝读取`,
          `elements are nested more than ${maxDepth} levels deep: not a normal document`,
        );
      }
      handlers.onopentag?.(name, attribs);
    },
    onclosetag(name: string, isImplied?: boolean) {
      depth--;
      handlers.onclosetag?.(name, isImplied);
    },
  };
}
