import { z } from 'zod';
import { listDeadLetters, replayDeadLetters } from '../dead-letters/dead-letter-operations.ts';
import { defineOperation, type ApiOperation } from './api-operation.ts';

/** `GET /healthz`: liveness. */
export const getHealth = defineOperation({
  operationId: 'getHealth',
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: 200 while the process runs (it checks nothing else)',
  access: 'anyone',
  responses: { 200: { description: 'The process runs', body: z.object({ status: z.literal('ok') }) } },
});

const readinessSchema = z
  .object({
    status: z.enum(['ready', 'not ready']),
    checks: z
      .record(z.string(), z.object({ ok: z.boolean(), detail: z.string() }))
      .optional()
      .meta({ description: "Each dependency's check: only for an admin or ops caller" }),
  })
  .meta({ id: 'Readiness' });

/** `GET /readyz`: readiness, with each dependency's check for staff. */
export const getReadiness = defineOperation({
  operationId: 'getReadiness',
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: 200 when the store, the broker and the registry answer, else 503',
  description: "Anyone learns ready or not; an admin or ops token also sees each check's detail.",
  access: 'anyone',
  responses: {
    200: { description: 'Every dependency answers', body: readinessSchema },
    503: { description: 'A dependency does not answer', body: readinessSchema },
  },
});

/** `GET /metrics`: Prometheus text. */
export const getMetrics = defineOperation({
  operationId: 'getMetrics',
  method: 'get',
  path: '/metrics',
  summary: "The service's metrics in Prometheus text format",
  description:
    'Open to anyone when METRICS_PUBLIC is true; not mounted when no caller can authenticate and METRICS_PUBLIC is false.',
  access: ['admin', 'ops'],
  responses: {
    200: {
      description: 'The metrics',
      contentType: 'text/plain; version=0.0.4; charset=utf-8',
      body: z.string(),
    },
  },
});

/** `GET /openapi.json`: this document. */
export const getOpenApiDocument = defineOperation({
  operationId: 'getOpenApiDocument',
  method: 'get',
  path: '/openapi.json',
  summary: "This service's OpenAPI 3.1 document",
  access: 'anyone',
  responses: {
    200: { description: 'The document', body: z.looseObject({ openapi: z.string() }) },
  },
});

/**
 * The operations service-kit mounts on every service (health, readiness, metrics, this document), and
 * the dead-letter ones on a service that consumes.
 */
export function kitOperations(service: { readonly consumes: readonly unknown[] }): readonly ApiOperation[] {
  return [
    getHealth,
    getReadiness,
    getMetrics,
    getOpenApiDocument,
    ...(service.consumes.length > 0 ? [listDeadLetters, replayDeadLetters] : []),
  ];
}
