import type { Rule } from './pdf-grid';
import { DRAW_OPS, extractRules, PDF_OPS, type OperatorList } from './pdf-rules';

const { moveTo, lineTo, curveTo, closePath } = DRAW_OPS;

/** An operator list built op by op, the way pdfjs 5 hands it over. */
class Ops implements OperatorList {
  fnArray: number[] = [];
  argsArray: unknown[] = [];

  op(fn: number, args: unknown = null): this {
    this.fnArray.push(fn);
    this.argsArray.push(args);
    return this;
  }

  /** A constructPath op: [paint, [path data], minMax], path data as a Float32Array. */
  path(paint: number, data: number[]): this {
    return this.op(PDF_OPS.constructPath, [paint, [new Float32Array(data)], new Float32Array(4)]);
  }

  line(x1: number, y1: number, x2: number, y2: number, paint: number = PDF_OPS.stroke): this {
    return this.path(paint, [moveTo, x1, y1, lineTo, x2, y2]);
  }

  /** `x y w h re` as pdfjs records it. */
  rect(x: number, y: number, w: number, h: number, paint: number): this {
    return this.path(paint, [
      moveTo,
      x,
      y,
      lineTo,
      x + w,
      y,
      lineTo,
      x + w,
      y + h,
      lineTo,
      x,
      y + h,
      closePath,
    ]);
  }
}

const rounded = (rules: Rule[]) =>
  rules.map((r) => ({
    horizontal: r.horizontal,
    at: Math.round(r.at * 100) / 100,
    from: Math.round(r.from * 100) / 100,
    to: Math.round(r.to * 100) / 100,
  }));

describe('extractRules', () => {
  it('uses the operator codes of the pdfjs it runs with', async () => {
    const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as {
      OPS: Record<string, number>;
    };
    for (const [name, code] of Object.entries(PDF_OPS))
      expect({ name, code: pdfjs.OPS[name] }).toEqual({ name, code });
  });

  it('reads stroked lines, through the page frame (y flipped to grow downwards)', () => {
    const ops = new Ops().line(10, 800, 110, 800).line(10, 800, 10, 700);
    // The viewport transform of an A4 page at scale 1.
    const rules = extractRules(ops, [1, 0, 0, -1, 0, 842]);
    expect(rounded(rules)).toEqual([
      { horizontal: true, at: 42, from: 10, to: 110 },
      { horizontal: false, at: 10, from: 42, to: 142 },
    ]);
  });

  it('applies cm transforms and undoes them on restore', () => {
    const ops = new Ops()
      .op(PDF_OPS.save)
      .op(PDF_OPS.transform, [2, 0, 0, 2, 100, 50])
      .line(0, 0, 10, 0)
      .op(PDF_OPS.restore)
      .line(0, 0, 10, 0);
    expect(rounded(extractRules(ops))).toEqual([
      { horizontal: true, at: 50, from: 100, to: 120 },
      { horizontal: true, at: 0, from: 0, to: 10 },
    ]);
  });

  it('applies a form XObject matrix inside the form only', () => {
    const ops = new Ops()
      .op(PDF_OPS.paintFormXObjectBegin, [new Float32Array([1, 0, 0, 1, 30, 40]), null])
      .line(0, 0, 0, 20)
      .op(PDF_OPS.paintFormXObjectEnd, [])
      .line(0, 0, 0, 20);
    expect(rounded(extractRules(ops))).toEqual([
      { horizontal: false, at: 30, from: 40, to: 60 },
      { horizontal: false, at: 0, from: 0, to: 20 },
    ]);
  });

  it('turns a quarter-turned drawing back to rules in page orientation', () => {
    // A page printed sideways: the frame rotates x into y.
    const ops = new Ops().line(0, 0, 50, 0);
    expect(rounded(extractRules(ops, [0, 1, -1, 0, 0, 0]))).toEqual([
      { horizontal: false, at: 0, from: 0, to: 50 },
    ]);
  });

  it('takes the four sides of a stroked rectangle', () => {
    const ops = new Ops().rect(10, 20, 100, 30, PDF_OPS.stroke);
    expect(rounded(extractRules(ops))).toEqual([
      { horizontal: true, at: 20, from: 10, to: 110 },
      { horizontal: false, at: 110, from: 20, to: 50 },
      { horizontal: true, at: 50, from: 10, to: 110 },
      { horizontal: false, at: 10, from: 20, to: 50 },
    ]);
  });

  it('takes thin filled rectangles (Word borders) as rules along their middle, not shading', () => {
    const ops = new Ops()
      .rect(10, 100, 200, 0.5, PDF_OPS.fill) // a horizontal border
      .rect(50, 20, 0.75, 80, PDF_OPS.eoFill) // a vertical border
      .rect(10, 20, 200, 17, PDF_OPS.fill) // a shaded header row
      .rect(300, 300, 1, 1, PDF_OPS.fill); // a dot
    expect(rounded(extractRules(ops))).toEqual([
      { horizontal: true, at: 100.25, from: 10, to: 210 },
      { horizontal: false, at: 50.38, from: 20, to: 100 },
    ]);
  });

  it('takes every rectangle of one filled path (several borders painted at once)', () => {
    const ops = new Ops().path(PDF_OPS.fill, [
      ...[0, 20, 40].flatMap((y) => [
        moveTo,
        0,
        y,
        lineTo,
        100,
        y,
        lineTo,
        100,
        y + 0.5,
        lineTo,
        0,
        y + 0.5,
        closePath,
      ]),
    ]);
    expect(rounded(extractRules(ops)).map((r) => r.at)).toEqual([0.25, 20.25, 40.25]);
  });

  it('ignores curves, diagonals, clipping paths, white and transparent paint', () => {
    const ops = new Ops()
      .path(PDF_OPS.stroke, [moveTo, 0, 0, curveTo, 10, 10, 20, 10, 30, 0])
      .line(0, 0, 30, 30)
      .line(0, 5, 100, 5, PDF_OPS.endPath)
      .op(PDF_OPS.setStrokeRGBColor, ['#ffffff'])
      .line(0, 10, 100, 10)
      .op(PDF_OPS.setStrokeRGBColor, ['#000000'])
      .op(PDF_OPS.setFillTransparent, [])
      .rect(0, 15, 100, 0.5, PDF_OPS.fill)
      .line(0, 20, 100, 20);
    expect(rounded(extractRules(ops))).toEqual([{ horizontal: true, at: 20, from: 0, to: 100 }]);
  });

  it('skips annotation appearances and empty paths', () => {
    const ops = new Ops()
      .op(PDF_OPS.beginAnnotation, ['a1', [0, 0, 10, 10], [1, 0, 0, 1, 0, 0], [1, 0, 0, 1, 0, 0]])
      .line(0, 0, 100, 0)
      .op(PDF_OPS.endAnnotation)
      .op(PDF_OPS.constructPath, [PDF_OPS.stroke, [null], null])
      .line(0, 50, 100, 50);
    expect(rounded(extractRules(ops)).map((r) => r.at)).toEqual([50]);
  });
});
