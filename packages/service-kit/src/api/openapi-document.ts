import { createDocument, type ZodOpenApiOperationObject } from 'zod-openapi';
import type { ApiAnswer, ApiOperation } from './api-operation.ts';
import { errorBodySchema } from './error-body-schema.ts';

/** What a service's document is made of. */
export interface ServiceApiDescription {
  /** The service's name: the document's title. */
  readonly name: string;
  /** Its package.json version. */
  readonly version: string;
  readonly description?: string;
  readonly operations: readonly ApiOperation[];
}

/** An OpenAPI 3.1 document as JSON. */
export type OpenApiDocument = ReturnType<typeof createDocument>;

const bearerScheme = 'bearer';

/** Error statuses every operation may give: the platform's, not any one route's. */
const platformErrors: Readonly<Record<number, string>> = {
  500: 'An internal error; the service log has it under the request id',
  503: 'The store, the broker or the schema registry is unavailable right now; try again (Retry-After)',
};

const roleErrors: Readonly<Record<number, string>> = {
  401: 'No bearer token, or one that grants no role (WWW-Authenticate says which)',
  403: "The token's role may not call this operation",
};

/**
 * The OpenAPI 3.1 document of a service, from its operations' own schemas (request parameters and
 * bodies as they are read, answers as they are sent). Deterministic: the same operations give the
 * same document, byte for byte, so the committed copy can be compared with it.
 * @throws Error naming the operation when two share an operationId, or a method and path.
 */
export function openApiDocument(service: ServiceApiDescription): OpenApiDocument {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  const ids = new Set<string>();
  for (const operation of service.operations) {
    const path = openApiPath(operation.path);
    const item = (paths[path] ??= {});
    if (item[operation.method] || ids.has(operation.operationId)) {
      throw new Error(
        `${service.name}: operation ${operation.operationId} (${operation.method.toUpperCase()} ${operation.path}) is declared twice`,
      );
    }
    ids.add(operation.operationId);
    item[operation.method] = operationObject(operation);
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: service.name,
      version: service.version,
      ...(service.description === undefined ? {} : { description: service.description }),
    },
    components: {
      securitySchemes: {
        [bearerScheme]: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A customer JWT (signed with AUTH_JWT_SECRET, or by the JWKS at AUTH_JWKS_URL), or a service-account token from OPS_TOKENS or ADMIN_TOKENS',
        },
      },
    },
    paths,
  });
}

/** `/orders/:orderId` as OpenAPI writes it: `/orders/{orderId}`. */
export function openApiPath(routerPath: string): string {
  return routerPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function operationObject(operation: ApiOperation): ZodOpenApiOperationObject {
  const open = operation.access === 'anyone';
  const who = open ? 'Anyone, without a token.' : `Roles: ${operation.access.join(', ')}.`;
  const errors = { ...(open ? {} : roleErrors), ...operation.errors, ...platformErrors };
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: operation.description === undefined ? who : `${operation.description}\n\n${who}`,
    'x-roles': open ? [] : [...operation.access],
    security: open ? [] : [{ [bearerScheme]: [] }],
    ...(operation.params || operation.query || operation.headers
      ? {
          requestParams: {
            ...(operation.params ? { path: operation.params } : {}),
            ...(operation.query ? { query: operation.query } : {}),
            ...(operation.headers ? { header: operation.headers } : {}),
          },
        }
      : {}),
    ...(operation.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: operation.body } } } }
      : {}),
    responses: {
      ...Object.fromEntries(
        Object.entries(operation.responses).map(([status, answer]) => [status, answerObject(answer)]),
      ),
      ...Object.fromEntries(
        Object.entries(errors).map(([status, description]) => [
          status,
          { description, content: { 'application/json': { schema: errorBodySchema } } },
        ]),
      ),
    },
  };
}

function answerObject(answer: ApiAnswer) {
  return {
    description: answer.description,
    ...(answer.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(answer.headers).map(([name, description]) => [
              name,
              { description, schema: { type: 'string' as const } },
            ]),
          ),
        }
      : {}),
    ...(answer.body
      ? { content: { [answer.contentType ?? 'application/json']: { schema: answer.body } } }
      : {}),
  };
}
