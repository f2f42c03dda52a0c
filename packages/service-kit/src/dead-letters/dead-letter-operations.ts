import { z } from 'zod';
import { defineOperation } from '../api/api-operation.ts';

/** `GET /dead-letters`'s query. */
export const deadLetterListQuery = z.object({
  topic: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'A consumed topic, or its .dlq name; every consumed topic when left out' }),
  key: z.string().optional().meta({ description: 'Only dead letters with exactly this message key' }),
  since: z
    .string()
    .optional()
    .meta({ description: 'An ISO 8601 time, or a duration back from now: 15m, 2h, 7d' }),
  until: z.string().optional().meta({ description: 'An ISO 8601 time, or a duration back from now' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** `POST /dead-letters/replay`'s body for one dead letter. */
export const replayOneBody = z.object({
  topic: z.string().min(1),
  partition: z.number().int().min(0),
  offset: z
    .union([z.string().regex(/^\d+$/, 'must be a decimal offset'), z.number().int().min(0)])
    .transform(String),
  again: z.boolean().default(false),
});

/** `POST /dead-letters/replay`'s body for every dead letter of a topic. */
export const replayAllBody = z
  .object({
    topic: z.string().min(1),
    all: z.literal(true),
    includeReplays: z.boolean().default(false),
  })
  .strict();

const deadLetterViewSchema = z
  .object({
    topic: z.string(),
    partition: z.number().int(),
    offset: z.string(),
    key: z.string().nullable(),
    value: z
      .unknown()
      .meta({ description: 'The value decoded with its writer schema; null when it did not decode' }),
    valueBase64: z.string().nullable(),
    valueBytes: z.number().int(),
    valueSchemaId: z.number().int().nullable(),
    decodeError: z.string().nullable(),
    headers: z.record(z.string(), z.string()),
    deadLetterHeaders: z.record(z.string(), z.string()),
    original: z.object({
      topic: z.string(),
      partition: z.number().int(),
      offset: z.string(),
      timestamp: z.string(),
    }),
    consumerGroup: z.string(),
    error: z.looseObject({}),
    classification: z.string(),
    attempts: z.number().int(),
    deadLetteredAt: z.string(),
    replayed: z.looseObject({}).nullable(),
    replayOf: z.looseObject({}).nullable(),
  })
  .meta({ id: 'DeadLetter' });

const replayOutcomeSchema = z
  .object({ replayed: z.array(z.looseObject({})), skipped: z.array(z.looseObject({})) })
  .meta({ id: 'ReplayOutcome' });

/** `GET /dead-letters`: the dead letters of the topics the service consumes. */
export const listDeadLetters = defineOperation({
  operationId: 'listDeadLetters',
  method: 'get',
  path: '/dead-letters',
  summary: 'List the dead letters of the topics this service consumes, newest first',
  description: 'Mounted when the service consumes a topic and ADMIN_TOKENS is set.',
  access: ['admin', 'ops'],
  query: deadLetterListQuery,
  responses: {
    200: {
      description: 'The dead letters, each with its value decoded',
      body: z.object({ topics: z.array(z.string()), deadLetters: z.array(deadLetterViewSchema) }),
    },
  },
  errors: { 400: 'A bad parameter, or a topic the service does not consume' },
});

/** `POST /dead-letters/replay`: one dead letter, or all of a topic's, back to their topic. */
export const replayDeadLetters = defineOperation({
  operationId: 'replayDeadLetters',
  method: 'post',
  path: '/dead-letters/replay',
  summary: "Send a dead letter (or all of a topic's not yet replayed) back to its topic",
  description: 'Mounted when the service consumes a topic and ADMIN_TOKENS is set.',
  access: ['admin'],
  body: z.union([replayOneBody, replayAllBody]),
  responses: { 200: { description: 'What was replayed and what was skipped', body: replayOutcomeSchema } },
  errors: {
    400: 'A bad body, or a topic the service does not consume',
    404: 'No dead letter at that topic, partition and offset',
    409: 'That dead letter was replayed already (send again: true to replay it anyway)',
  },
});
