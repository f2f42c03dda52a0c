import { z } from 'zod';
import type { SagaSummary, SagaView } from '@saga/saga-runtime';
import type { Conforms, Wire } from '@saga/service-kit';
import { sagaStatuses } from './saga-list-params.ts';

const time = z.iso.datetime();
const currentStep = z
  .object({ index: z.number().int(), name: z.string() })
  .nullable()
  .meta({ description: 'The step whose reply the saga awaits; null once it has ended' });
const attention = z
  .object({
    step: z.object({ index: z.number().int(), name: z.string() }).nullable(),
    reason: z.string(),
    detail: z.string(),
    resumeStatus: z.string(),
  })
  .nullable()
  .meta({
    description: 'Only while NEEDS_ATTENTION: what needs it (POST /sagas/{sagaId}/retry re-drives it)',
  });
const status = z.string().meta({ description: `One of ${sagaStatuses.join(', ')}` });

/**
 * A saga as the API answers it (the runtime's saga-view.ts makes it), its key under the key's name
 * (`orderId` for the order saga). Steps and history entries keep their stored shape.
 */
export const sagaViewSchema = z
  .looseObject({
    sagaId: z.string(),
    saga: z.string(),
    status,
    currentStep,
    failureReason: z.unknown(),
    attention,
    deadlineAt: time.nullable(),
    data: z.unknown(),
    steps: z.array(
      z.looseObject({ name: z.string(), status: z.string(), attempts: z.number().int() }).meta({
        description: "A step's record (status, attempts, times, compensation) and its timeline",
      }),
    ),
    finalCommands: z.array(
      z.object({ topic: z.string(), attempts: z.number().int(), deadlineAt: time.nullable() }),
    ),
    history: z.array(
      z.looseObject({}).meta({ description: 'What the saga received, sent, timed out, retried' }),
    ),
    version: z.number().int(),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'Saga' });

/** A saga as the list shows it (saga-summary.ts), with its key and the binding's searchable fields. */
export const sagaSummarySchema = z
  .looseObject({
    sagaId: z.string(),
    saga: z.string(),
    key: z.string(),
    keyName: z.string(),
    status,
    currentStep,
    outcome: z.string().nullable().meta({
      description: "COMPLETED once the walk completed, the failure reason's code once it failed; else null",
    }),
    failureReason: z.unknown(),
    attention,
    deadlineAt: time.nullable(),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'SagaSummary' });

/** A page of `GET /sagas`. */
export const sagaPageSchema = z
  .object({
    sagas: z.array(sagaSummarySchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass it back as `cursor` for the next page; null on the last' }),
  })
  .meta({ id: 'SagaPage' });

/** Compile only while the schemas describe what the views make. */
export type SagaViewDescribed = Conforms<Wire<SagaView>, z.input<typeof sagaViewSchema>>;
export type SagaSummaryDescribed = Conforms<Wire<SagaSummary>, z.input<typeof sagaSummarySchema>>;
