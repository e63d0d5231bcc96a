import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document gives it (only what the tests read). */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  example?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

export interface ApiOperation {
  method: string;
  /** As the document writes it: `/api/children/{id}`. */
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  query: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | undefined;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
}

/** Every operation of the served OpenAPI document (the routes as the API publishes them). */
export async function apiOperations(baseUrl: string): Promise<ApiOperation[]> {
  const document = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as OpenApiDocument;
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      return {
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {}, required: p.required === true })),
        body: operation.requestBody?.content?.['application/json']?.schema,
      };
    }),
  );
}

/** A value of the right shape for a path parameter: its example, a UUID, or one matching its pattern. */
export function wellFormedPathValue(schema: JsonSchema, seed = 1, ids: readonly string[] = []): string {
  if (typeof schema.example === 'string') return schema.example;
  if (schema.format === 'uuid') return ids.length > 0 ? ids[seed % ids.length]! : randomUUID();
  if (schema.pattern) return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { numRuns: 1, seed })[0]!;
  return 'x';
}

/** The operation's URL with its path parameters filled in (URL-encoded). */
export function operationUrl(operation: ApiOperation, values: Record<string, string> = {}): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const given = values[name] ?? wellFormedPathValue(operation.pathParams.find((p) => p.name === name)?.schema ?? {});
    return encodeURIComponent(given);
  });
}
