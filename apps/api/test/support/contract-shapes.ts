import { join } from 'node:path';
import ts from 'typescript';

/*
 * Compares the API's OpenAPI document with @atlas/api-contract. The contract's types are read
 * with the TypeScript compiler from the library's source, so the test repeats no property name.
 */

/** What a comparison needs of a TypeScript type: its properties, or that it is a list. */
export type Shape =
  | {
      readonly kind: 'object';
      readonly name: string;
      readonly properties: ReadonlyMap<string, Property>;
    }
  | { readonly kind: 'array'; readonly of: Shape }
  /** A string, number, boolean, union of literals, or an object without named properties (a Record). */
  | { readonly kind: 'value'; readonly name: string };

export interface Property {
  readonly optional: boolean;
  readonly nullable: boolean;
  readonly shape: Shape;
}

const CONTRACT_ENTRY = join(__dirname, '../../../../libs/api-contract/src/index.ts');
const CONTRACT_TSCONFIG = join(__dirname, '../../../../libs/api-contract/tsconfig.lib.json');

/** Reads the contract's exported types by name: `shapeOf('ReportPage')`, `shapeOf('UserDto[]')`. */
export function readContract(): { shapeOf(name: string): Shape; names: ReadonlySet<string> } {
  const config = ts.getParsedCommandLineOfConfigFile(
    CONTRACT_TSCONFIG,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${CONTRACT_TSCONFIG}`);
  const program = ts.createProgram([CONTRACT_ENTRY], config.options);
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(CONTRACT_ENTRY);
  const module = entry && checker.getSymbolAtLocation(entry);
  if (!module) throw new Error(`cannot read ${CONTRACT_ENTRY}`);

  const exported = new Map<string, ts.Type>();
  for (const symbol of checker.getExportsOfModule(module)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
      exported.set(symbol.getName(), checker.getDeclaredTypeOfSymbol(target));
    }
  }

  const shapes = new Map<ts.Type, Shape>();
  function shapeOfType(type: ts.Type): Shape {
    const known = shapes.get(type);
    if (known) return known;
    if (checker.isArrayType(type)) {
      const [element] = checker.getTypeArguments(type as ts.TypeReference);
      return {
        kind: 'array',
        of: element ? shapeOfType(element) : { kind: 'value', name: 'unknown' },
      };
    }
    const name = checker.typeToString(type);
    const isObject = (type.flags & ts.TypeFlags.Object) !== 0 || type.isIntersection();
    const members = isObject ? checker.getPropertiesOfType(type) : [];
    if (members.length === 0) return { kind: 'value', name };
    const properties = new Map<string, Property>();
    const shape: Shape = { kind: 'object', name, properties };
    shapes.set(type, shape); // before the members: trees refer to themselves
    for (const member of members) {
      const memberType = checker.getTypeOfSymbol(member);
      const parts = memberType.isUnion() ? memberType.types : [memberType];
      const present = parts.filter(
        (part) => !(part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)),
      );
      properties.set(member.getName(), {
        optional: (member.flags & ts.SymbolFlags.Optional) !== 0,
        nullable: parts.some((part) => (part.flags & ts.TypeFlags.Null) !== 0),
        // A union of literals ('draft' | 'submitted') or of several types is a value.
        shape:
          present.length === 1 && present[0]
            ? shapeOfType(present[0])
            : { kind: 'value', name: checker.typeToString(memberType) },
      });
    }
    return shape;
  }

  return {
    names: new Set(exported.keys()),
    shapeOf(name: string): Shape {
      const list = name.endsWith('[]');
      const type = exported.get(list ? name.slice(0, -2) : name);
      if (!type) throw new Error(`@atlas/api-contract exports no type ${name}`);
      const shape = shapeOfType(type);
      return list ? { kind: 'array', of: shape } : shape;
    },
  };
}

// ── the OpenAPI side ───────────────────────────────────────────────────────────────────────────

export interface OpenApiSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly nullable?: boolean;
  readonly items?: OpenApiSchema;
  readonly properties?: Readonly<Record<string, OpenApiSchema>>;
  readonly required?: readonly string[];
  readonly allOf?: readonly OpenApiSchema[];
  readonly oneOf?: readonly OpenApiSchema[];
  readonly anyOf?: readonly OpenApiSchema[];
}

export interface OpenApiComponents {
  readonly schemas?: Readonly<Record<string, OpenApiSchema>>;
}

/** Follows `$ref`s and merges `allOf` (how @nestjs/swagger writes a nullable or extended class). */
export function resolveSchema(schema: OpenApiSchema, components: OpenApiComponents): OpenApiSchema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = components.schemas?.[name];
    if (!target) throw new Error(`the document has no schema ${name}`);
    return resolveSchema({ ...target, nullable: schema.nullable ?? target.nullable }, components);
  }
  const parts = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (!parts) return schema;
  const resolved = parts.map((part) => resolveSchema(part, components));
  const merged = resolved.reduce<OpenApiSchema>(
    (all, part) => ({
      ...all,
      ...part,
      properties: { ...all.properties, ...part.properties },
      required: [...(all.required ?? []), ...(part.required ?? [])],
    }),
    {},
  );
  const rest: OpenApiSchema = { ...schema, allOf: undefined, oneOf: undefined, anyOf: undefined };
  return { ...merged, ...rest, properties: merged.properties, required: merged.required };
}

/**
 * Where a schema and a contract shape disagree: a property on one side only, required on one side
 * and optional on the other, null allowed on one side only, a list against a single value. Nested
 * schemas are compared as deep as both sides describe them (a schema written as a bare `object`
 * documents no properties and is taken as it is).
 */
export function shapeProblems(
  schema: OpenApiSchema,
  shape: Shape,
  components: OpenApiComponents,
  where: string,
  seen = new Set<string>(),
): string[] {
  const resolved = resolveSchema(schema, components);
  if (shape.kind === 'array' || resolved.type === 'array') {
    if (shape.kind !== 'array')
      return [`${where}: a list in the document, ${shape.name} in the contract`];
    if (resolved.type !== 'array') return [`${where}: a list in the contract, not in the document`];
    return resolved.items
      ? shapeProblems(resolved.items, shape.of, components, `${where}[]`, seen)
      : [];
  }
  const documented = resolved.properties;
  if (!documented || Object.keys(documented).length === 0 || shape.kind !== 'object') {
    if (documented && Object.keys(documented).length > 0) {
      return [`${where}: an object with properties in the document, ${shape.name} in the contract`];
    }
    return [];
  }
  const key = `${schema.$ref ?? where}|${shape.name}`;
  if (seen.has(key)) return [];
  seen.add(key);

  const problems: string[] = [];
  const required = new Set(resolved.required ?? []);
  for (const name of Object.keys(documented)) {
    if (!shape.properties.has(name))
      problems.push(`${where}.${name}: in the document, not in ${shape.name}`);
  }
  for (const [name, property] of shape.properties) {
    const propertySchema = documented[name];
    const path = `${where}.${name}`;
    if (!propertySchema) {
      problems.push(`${path}: in ${shape.name}, not in the document`);
      continue;
    }
    if (required.has(name) === property.optional) {
      problems.push(
        `${path}: ${property.optional ? 'optional' : 'required'} in the contract, ${required.has(name) ? 'required' : 'optional'} in the document`,
      );
    }
    const nullable =
      resolveSchema(propertySchema, components).nullable === true ||
      propertySchema.nullable === true;
    if (nullable !== property.nullable) {
      problems.push(
        `${path}: ${property.nullable ? 'nullable' : 'never null'} in the contract, ${nullable ? 'nullable' : 'never null'} in the document`,
      );
    }
    problems.push(...shapeProblems(propertySchema, property.shape, components, path, seen));
  }
  return problems;
}

/** Query parameters against a contract type: the same names, required the same way. */
export function queryProblems(
  parameters: readonly {
    readonly name: string;
    readonly in: string;
    readonly required?: boolean;
  }[],
  shape: Shape | null,
  where: string,
): string[] {
  const documented = new Map(
    parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.required === true]),
  );
  if (shape && shape.kind !== 'object') return [`${where}: the query type has no properties`];
  const properties = shape?.kind === 'object' ? shape.properties : new Map<string, Property>();
  const problems: string[] = [];
  for (const name of documented.keys()) {
    if (!properties.has(name))
      problems.push(`${where} ?${name}: in the document, not in the contract`);
  }
  for (const [name, property] of properties) {
    const required = documented.get(name);
    if (required === undefined)
      problems.push(`${where} ?${name}: in the contract, not in the document`);
    else if (required === property.optional) {
      problems.push(
        `${where} ?${name}: ${property.optional ? 'optional' : 'required'} in the contract, ${required ? 'required' : 'optional'} in the document`,
      );
    }
  }
  return problems;
}
