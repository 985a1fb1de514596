/**
 * The rules a page draws (table borders), read from pdfjs's operator list: stroked lines and
 * rectangles, and thin filled rectangles (how Word draws borders). Curves, clipping paths and
 * large filled areas (cell shading) are not rules. Coordinates go through the current
 * transformation matrix, form XObject matrices and the page frame the text uses, so rules and
 * text runs share one coordinate system. No pdfjs import: the operator list is plain data.
 */
import type { Rule } from './pdf-grid';

/** pdfjs operator codes this reader interprets (pdfjs `OPS`, stable across versions). */
export const PDF_OPS = {
  save: 10,
  restore: 11,
  transform: 12,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  endPath: 28,
  setStrokeRGBColor: 58,
  setFillRGBColor: 59,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  beginAnnotation: 80,
  endAnnotation: 81,
  constructPath: 91,
  setStrokeTransparent: 92,
  setFillTransparent: 93,
} as const;

/** Path commands inside a `constructPath` op's Float32Array (pdfjs 5 `DrawOPS`). */
export const DRAW_OPS = {
  moveTo: 0,
  lineTo: 1,
  curveTo: 2,
  quadraticCurveTo: 3,
  closePath: 4,
} as const;

/** What `page.getOperatorList()` returns, as far as rules are concerned. */
export interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

/** A PDF matrix [a b c d e f]: (x, y) → (a x + c y + e, b x + d y + f). */
export type Matrix = readonly number[];

/** m1 × m2 for PDF matrices (m2 applied first). */
export function multiply(m1: Matrix, m2: Matrix): number[] {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** Filled rectangles at most this thick (points) are drawn lines, not shading. */
const THIN = 3;
/** Pieces shorter than this are dots (dotted borders, bullets), not rules. */
const MIN_LENGTH = 1;
/** How far off horizontal/vertical a line may be (points per point of length). */
const SLOPE = 0.02;

const STROKES = new Set<number>([
  PDF_OPS.stroke,
  PDF_OPS.closeStroke,
  PDF_OPS.fillStroke,
  PDF_OPS.eoFillStroke,
  PDF_OPS.closeFillStroke,
  PDF_OPS.closeEOFillStroke,
]);
const FILLS = new Set<number>([
  PDF_OPS.fill,
  PDF_OPS.eoFill,
  PDF_OPS.fillStroke,
  PDF_OPS.eoFillStroke,
  PDF_OPS.closeFillStroke,
  PDF_OPS.closeEOFillStroke,
]);

interface GraphicsState {
  ctm: Matrix;
  /** Paint that leaves no visible mark on a white page (white, or transparent). */
  strokeInvisible: boolean;
  fillInvisible: boolean;
}

type Point = [number, number];
/** One subpath: its points in page coordinates, closed or not, straight or not. */
interface Subpath {
  points: Point[];
  closed: boolean;
  curved: boolean;
}

const INVISIBLE_COLOURS = new Set(['#ffffff', '#fff']);

/** The subpaths of a constructPath op's path data, transformed by `m`. */
function subpathsOf(data: ArrayLike<number>, m: Matrix): Subpath[] {
  const paths: Subpath[] = [];
  let current: Subpath | undefined;
  const point = (x: number, y: number): Point => [
    m[0] * x + m[2] * y + m[4],
    m[1] * x + m[3] * y + m[5],
  ];
  for (let i = 0; i < data.length;) {
    switch (data[i++]) {
      case DRAW_OPS.moveTo:
        current = { points: [point(data[i], data[i + 1])], closed: false, curved: false };
        paths.push(current);
        i += 2;
        break;
      case DRAW_OPS.lineTo:
        if (!current) {
          current = { points: [], closed: false, curved: false };
          paths.push(current);
        }
        current.points.push(point(data[i], data[i + 1]));
        i += 2;
        break;
      case DRAW_OPS.curveTo:
        if (current) {
          current.curved = true;
          current.points.push(point(data[i + 4], data[i + 5]));
        }
        i += 6;
        break;
      case DRAW_OPS.quadraticCurveTo:
        if (current) {
          current.curved = true;
          current.points.push(point(data[i + 2], data[i + 3]));
        }
        i += 4;
        break;
      case DRAW_OPS.closePath:
        if (current) {
          current.closed = true;
          // A new subpath after h starts at the same point, as in PDF.
          const start = current.points[0];
          current = start ? { points: [start], closed: false, curved: false } : undefined;
          if (current) paths.push(current);
        }
        break;
      default:
        return paths; // unknown command: stop rather than misread the rest
    }
  }
  return paths;
}

/** A straight piece from a to b as a rule, if it runs (nearly) horizontally or vertically. */
function ruleOf(a: Point, b: Point): Rule | undefined {
  const dx = Math.abs(b[0] - a[0]);
  const dy = Math.abs(b[1] - a[1]);
  if (Math.max(dx, dy) < MIN_LENGTH) return undefined;
  if (dy <= SLOPE * dx + 0.1) {
    return {
      horizontal: true,
      at: (a[1] + b[1]) / 2,
      from: Math.min(a[0], b[0]),
      to: Math.max(a[0], b[0]),
    };
  }
  if (dx <= SLOPE * dy + 0.1) {
    return {
      horizontal: false,
      at: (a[0] + b[0]) / 2,
      from: Math.min(a[1], b[1]),
      to: Math.max(a[1], b[1]),
    };
  }
  return undefined;
}

/** The box of a subpath that is an axis-aligned rectangle (4 corners, maybe back to the first). */
function rectangleOf(
  path: Subpath,
): { x0: number; y0: number; x1: number; y1: number } | undefined {
  if (path.curved) return undefined;
  const points = [...path.points];
  const [first, last] = [points[0], points[points.length - 1]];
  if (
    points.length === 5 &&
    Math.abs(first[0] - last[0]) < 0.01 &&
    Math.abs(first[1] - last[1]) < 0.01
  ) {
    points.pop();
  }
  if (points.length !== 4) return undefined;
  for (let k = 0; k < 4; k++) {
    const [a, b] = [points[k], points[(k + 1) % 4]];
    const straight = Math.abs(a[0] - b[0]) < 0.01 || Math.abs(a[1] - b[1]) < 0.01;
    if (!straight) return undefined;
  }
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** A thin filled rectangle as the rule along its middle; big fills (shading) are none. */
function filledRule(path: Subpath): Rule | undefined {
  const box = rectangleOf(path);
  if (!box) return undefined;
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  const thickness = Math.min(width, height);
  const length = Math.max(width, height);
  if (thickness > THIN || length < MIN_LENGTH || length < 2 * thickness) return undefined;
  return width >= height
    ? { horizontal: true, at: (box.y0 + box.y1) / 2, from: box.x0, to: box.x1 }
    : { horizontal: false, at: (box.x0 + box.x1) / 2, from: box.y0, to: box.y1 };
}

/** The straight stroked pieces of a subpath as rules. */
function strokedRules(path: Subpath): Rule[] {
  if (path.curved) return [];
  const { points } = path;
  const rules: Rule[] = [];
  const pairs = points.length - 1 + (path.closed && points.length > 2 ? 1 : 0);
  for (let k = 0; k < pairs; k++) {
    const rule = ruleOf(points[k], points[(k + 1) % points.length]);
    if (rule) rules.push(rule);
  }
  return rules;
}

/** An array of numbers or a typed array (checked without instanceof: pdfjs may live in another realm). */
const numbers = (value: unknown): value is ArrayLike<number> =>
  Array.isArray(value) || (ArrayBuffer.isView(value) && 'length' in value);

/**
 * The horizontal and vertical rules a page draws, in the coordinates `frame` maps user space to
 * (for the reader: the viewport transform, turned like the page's text).
 */
export function extractRules(list: OperatorList, frame: Matrix = IDENTITY): Rule[] {
  const rules: Rule[] = [];
  const stack: GraphicsState[] = [];
  let state: GraphicsState = { ctm: IDENTITY, strokeInvisible: false, fillInvisible: false };
  let annotationDepth = 0;
  const { fnArray, argsArray } = list;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null | undefined;
    switch (fn) {
      case PDF_OPS.save:
        stack.push(state);
        state = { ...state };
        break;
      case PDF_OPS.restore:
        state = stack.pop() ?? state;
        break;
      case PDF_OPS.transform:
        if (args && args.length >= 6) state.ctm = multiply(state.ctm, args as number[]);
        break;
      case PDF_OPS.paintFormXObjectBegin: {
        stack.push(state);
        state = { ...state };
        const matrix = args?.[0];
        if (numbers(matrix) && matrix.length >= 6)
          state.ctm = multiply(state.ctm, Array.from(matrix));
        break;
      }
      case PDF_OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case PDF_OPS.beginAnnotation:
        annotationDepth++;
        break;
      case PDF_OPS.endAnnotation:
        annotationDepth = Math.max(0, annotationDepth - 1);
        break;
      case PDF_OPS.setStrokeRGBColor:
        state.strokeInvisible = INVISIBLE_COLOURS.has(String(args?.[0]).toLowerCase());
        break;
      case PDF_OPS.setFillRGBColor:
        state.fillInvisible = INVISIBLE_COLOURS.has(String(args?.[0]).toLowerCase());
        break;
      case PDF_OPS.setStrokeTransparent:
        state.strokeInvisible = true;
        break;
      case PDF_OPS.setFillTransparent:
        state.fillInvisible = true;
        break;
      case PDF_OPS.constructPath: {
        if (annotationDepth > 0 || !args) break;
        const paint = args[0] as number;
        const data = (args[1] as unknown[] | undefined)?.[0];
        if (!numbers(data)) break;
        const stroke = STROKES.has(paint) && !state.strokeInvisible;
        const fill = FILLS.has(paint) && !state.fillInvisible;
        if (!stroke && !fill) break;
        for (const path of subpathsOf(data, multiply(frame, state.ctm))) {
          if (stroke) rules.push(...strokedRules(path));
          if (fill) {
            const rule = filledRule(path);
            if (rule) rules.push(rule);
          }
        }
        break;
      }
    }
  }
  return rules;
}
