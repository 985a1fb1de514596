import { API_ENDPOINTS, type EndpointContract } from '@atlas/api-contract';
import request from 'supertest';
import {
  queryProblems,
  readContract,
  shapeProblems,
  type OpenApiComponents,
  type OpenApiSchema,
  type Shape,
} from './support/contract-shapes';
import { bootTestApp, type TestApp } from './support/test-app';

/*
 * The OpenAPI document the running API generates against @atlas/api-contract, the types the web
 * app is written against: every endpoint listed in API_ENDPOINTS and nothing else, and each query,
 * body and answer with the contract type's properties (names, required or optional, nullable).
 */

interface Operation {
  readonly parameters?: readonly {
    readonly name: string;
    readonly in: string;
    readonly required?: boolean;
  }[];
  readonly requestBody?: {
    readonly content: Readonly<Record<string, { readonly schema: OpenApiSchema }>>;
  };
  readonly responses: Readonly<
    Record<
      string,
      { readonly content?: Readonly<Record<string, { readonly schema?: OpenApiSchema }>> }
    >
  >;
}

interface Document {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: OpenApiComponents;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operationsOf(document: Document): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (METHODS.includes(method)) operations.set(`${method.toUpperCase()} ${path}`, operation);
    }
  }
  return operations;
}

/** Everything that differs between the document and the contract, one line per difference. */
function contractProblems(document: Document, shapeOf: (name: string) => Shape): string[] {
  const operations = operationsOf(document);
  const listed = new Map<string, EndpointContract>(Object.entries(API_ENDPOINTS));
  const problems: string[] = [];
  for (const key of operations.keys()) {
    if (!listed.has(key)) problems.push(`${key}: in the document, not in API_ENDPOINTS`);
  }
  for (const [key, contract] of listed) {
    const operation = operations.get(key);
    if (!operation) {
      problems.push(`${key}: in API_ENDPOINTS, not in the document`);
      continue;
    }
    problems.push(
      ...queryProblems(
        operation.parameters ?? [],
        contract.query ? shapeOf(contract.query) : null,
        key,
      ),
    );

    const bodies = Object.entries(operation.requestBody?.content ?? {});
    if (contract.body && bodies.length === 0)
      problems.push(`${key}: a body in the contract, none in the document`);
    if (!contract.body && bodies.length > 0)
      problems.push(`${key}: a body in the document, none in the contract`);
    for (const [mediaType, { schema }] of contract.body ? bodies : []) {
      problems.push(
        ...shapeProblems(
          schema,
          shapeOf(contract.body ?? ''),
          document.components,
          `${key} body (${mediaType})`,
        ),
      );
    }

    const success = Object.entries(operation.responses).filter(([status]) =>
      status.startsWith('2'),
    );
    const answers = success.flatMap(([, response]) => Object.entries(response.content ?? {}));
    const where = `${key} answer`;
    if (contract.response === null) {
      if (answers.length > 0)
        problems.push(`${where}: a body in the document, none in the contract`);
    } else if (contract.response === 'file') {
      const binary =
        answers.length > 0 && answers.every(([, { schema }]) => schema?.format === 'binary');
      if (!binary) problems.push(`${where}: a file in the contract, not in the document`);
    } else if (answers.length === 0) {
      problems.push(`${where}: ${contract.response} in the contract, no body in the document`);
    } else {
      for (const [, { schema }] of answers) {
        if (!schema) problems.push(`${where}: no schema in the document`);
        else
          problems.push(
            ...shapeProblems(schema, shapeOf(contract.response), document.components, where),
          );
      }
    }
  }
  return problems;
}

describe('the OpenAPI document and @atlas/api-contract', () => {
  let testApp: TestApp;
  let document: Document;
  const contract = readContract();
  const shapeOf = (name: string) => contract.shapeOf(name);

  beforeAll(async () => {
    testApp = await bootTestApp();
    document = (await request(testApp.app.getHttpServer()).get('/api/docs-json').expect(200))
      .body as Document;
  });
  afterAll(() => testApp.close());

  it('name every type API_ENDPOINTS lists', () => {
    const named = Object.values(API_ENDPOINTS as Readonly<Record<string, EndpointContract>>)
      .flatMap((entry) => [entry.query, entry.body, entry.response])
      .filter((name): name is string => typeof name === 'string' && name !== 'file')
      .map((name) => name.replace(/\[\]$/, ''));
    expect(named.filter((name) => !contract.names.has(name))).toEqual([]);
  });

  it('agree on every endpoint, query, body and answer', () => {
    expect(contractProblems(document, shapeOf)).toEqual([]);
  });

  it('disagree when the document drifts from the contract', () => {
    const drifted = structuredClone(document) as {
      -readonly [K in keyof Document]: Document[K];
    } & {
      paths: Record<string, Record<string, unknown>>;
      components: {
        schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }>;
      };
    };
    const agency = drifted.components.schemas['AgencyDto'];
    if (!agency) throw new Error('the document has no AgencyDto');
    delete agency.properties['code'];
    agency.properties['nickname'] = { type: 'string' };
    agency.required = (agency.required ?? []).filter((name) => name !== 'depth');
    drifted.paths['/api/made-up'] = { get: { responses: { '200': {} } } };
    delete drifted.paths['/api/health'];

    expect(contractProblems(drifted as Document, shapeOf)).toEqual(
      expect.arrayContaining([
        'GET /api/made-up: in the document, not in API_ENDPOINTS',
        'GET /api/health: in API_ENDPOINTS, not in the document',
        'GET /api/agencies/{id} answer.nickname: in the document, not in AgencyDto',
        'GET /api/agencies/{id} answer.code: in AgencyDto, not in the document',
        'GET /api/agencies/{id} answer.depth: required in the contract, optional in the document',
      ]),
    );
  });
});
