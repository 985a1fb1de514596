import { type Htmlparser2, withDepthLimit } from './htmlparser';
import type { ZipArchive } from './zip';

/** Namespaces of the parts read here, transitional and strict OOXML. */
export const WORD_MAIN_NS = [
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
];
export const SHEET_MAIN_NS = [
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
];
export const MARKUP_COMPATIBILITY_NS = [
  'http://schemas.openxmlformats.org/markup-compatibility/2006',
];
const RELATIONSHIPS_NS = [
  'http://schemas.openxmlformats.org/package/2006/relationships',
  'http://purl.oclc.org/ooxml/package/relationships',
];

/**
 * Element names in OOXML carry whatever prefix the writer bound to the namespace (Word: `w:`,
 * Excel: none, the OpenXML SDK: `x:`). This maps names to local names for one namespace, with
 * the prefix taken from the root element's declarations.
 */
export class NamespacePrefix {
  private constructor(private readonly prefix: string) {}

  /** The prefix bound to one of `namespaces` on the root element; `fallback` if none is. */
  static fromRoot(
    attribs: Record<string, string>,
    namespaces: string[],
    fallback: string,
  ): NamespacePrefix {
    for (const [name, value] of Object.entries(attribs)) {
      if (!namespaces.includes(value)) continue;
      if (name === 'xmlns') return new NamespacePrefix('');
      if (name.startsWith('xmlns:')) return new NamespacePrefix(name.slice(6));
    }
    return new NamespacePrefix(fallback);
  }

  /** The local name if `name` is in this namespace, else undefined. */
  local(name: string): string | undefined {
    const prefix = this.prefix;
    if (prefix === '') return name.includes(':') ? undefined : name;
    return name.startsWith(`${prefix}:`) ? name.slice(prefix.length + 1) : undefined;
  }

  /** The attribute `local` in this namespace (OOXML attributes use the element prefix, e.g. w:val). */
  attribute(attribs: Record<string, string>, local: string): string | undefined {
    return this.prefix ? (attribs[`${this.prefix}:${local}`] ?? attribs[local]) : attribs[local];
  }
}

export interface Relationship {
  type: string;
  /** Part path inside the zip, resolved against the source part. */
  target: string;
  external: boolean;
}

/** The relationships of `sourcePart` (`''` for the package), by id. */
export function readRelationships(
  htmlparser2: Htmlparser2,
  zip: ZipArchive,
  sourcePart: string,
): Map<string, Relationship> {
  const slash = sourcePart.lastIndexOf('/');
  const folder = sourcePart.slice(0, slash + 1);
  const relsPath = `${folder}_rels/${sourcePart.slice(slash + 1)}.rels`;
  const relationships = new Map<string, Relationship>();
  const xml = zip.readText(relsPath);
  if (xml === undefined) return relationships;
  let ns: NamespacePrefix | undefined;
  parseXml(htmlparser2, xml, {
    onopentag(name, attribs) {
      ns ??= NamespacePrefix.fromRoot(attribs, RELATIONSHIPS_NS, '');
      if (ns.local(name) !== 'Relationship' || !attribs['Id'] || !attribs['Target']) return;
      const external = attribs['TargetMode'] === 'External';
      relationships.set(attribs['Id'], {
        type: attribs['Type'] ?? '',
        target: external ? attribs['Target'] : resolvePartPath(folder, attribs['Target']),
        external,
      });
    },
  });
  return relationships;
}

/** The main part of the package (word/document.xml, xl/workbook.xml) named by _rels/.rels. */
export function officeDocumentPart(
  htmlparser2: Htmlparser2,
  zip: ZipArchive,
  fallback: string,
): string {
  for (const relationship of readRelationships(htmlparser2, zip, '').values()) {
    if (
      /\/officeDocument$/.test(relationship.type) &&
      !relationship.external &&
      zip.has(relationship.target)
    ) {
      return relationship.target;
    }
  }
  return fallback;
}

/** Resolves a relationship target ("worksheets/sheet1.xml", "/xl/x.xml", "../a.xml") to a zip path. */
export function resolvePartPath(folder: string, target: string): string {
  const segments = (target.startsWith('/') ? target : folder + target).split('/');
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') resolved.pop();
    else resolved.push(segment);
  }
  return resolved.join('/');
}

type XmlHandlers = Partial<{
  onopentag(name: string, attribs: Record<string, string>): void;
  ontext(text: string): void;
  onclosetag(name: string): void;
}>;

/** Parses XML with htmlparser2 (entities decoded, names kept as written, nesting bounded). */
export function parseXml(htmlparser2: Htmlparser2, xml: string, handlers: XmlHandlers): void {
  const parser = new htmlparser2.Parser(withDepthLimit(handlers), {
    xmlMode: true,
    decodeEntities: true,
  });
  parser.write(xml);
  parser.end();
}
