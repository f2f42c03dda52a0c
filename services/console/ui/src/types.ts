/** The shapes of the platform's answers the console shows, as far as it reads them. */

export interface SagaSummary {
  readonly sagaId: string;
  readonly saga: string;
  readonly key?: string;
  readonly keyName?: string;
  readonly status: string;
  readonly currentStep: { readonly index: number; readonly name: string } | null;
  readonly outcome?: string | null;
  readonly attention: Attention | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly customerId?: string;
  readonly [field: string]: unknown;
}

export interface Attention {
  readonly step: { readonly index: number; readonly name: string } | null;
  readonly reason: string;
  readonly detail: string;
  readonly resumeStatus: string;
}

export interface SagaPage {
  readonly sagas: readonly SagaSummary[];
  readonly nextCursor?: string | null;
}

export interface StepRecord {
  readonly name: string;
  readonly status: string;
  readonly attempts: number;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly compensation: {
    readonly attempts: number;
    readonly startedAt: string | null;
    readonly endedAt: string | null;
  } | null;
  readonly deadlineAt?: string | null;
}

export interface HistoryEntry {
  readonly direction: string;
  readonly at: string;
  readonly topic?: string;
  readonly step?: string | null;
  readonly [field: string]: unknown;
}

export interface SagaView extends SagaSummary {
  readonly failureReason: unknown;
  readonly deadlineAt: string | null;
  readonly data: unknown;
  readonly steps: readonly StepRecord[];
  readonly finalCommands?: readonly {
    readonly topic: string;
    readonly attempts: number;
    readonly deadlineAt: string | null;
  }[];
  readonly history: readonly HistoryEntry[];
}

export interface Order {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: string;
  readonly items: readonly { readonly sku: string; readonly quantity: number }[];
  readonly total: number | null;
  readonly currency: string;
  readonly cancelReason?: string;
  readonly createdAt?: string;
  readonly [field: string]: unknown;
}

export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** The decoded message (newer services), or its bytes as base64 (older ones, which send no valueBase64). */
  readonly value: unknown;
  readonly valueBase64?: string | null;
  readonly decodeError?: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly original: {
    readonly topic: string;
    readonly partition: number;
    readonly offset: string;
    readonly timestamp?: string;
  };
  readonly error: {
    readonly name?: string;
    readonly code?: string;
    readonly message?: string;
    readonly [field: string]: unknown;
  };
  readonly classification: string;
  readonly attempts: number;
  readonly deadLetteredAt: string;
  readonly replayed?: unknown;
  readonly replayOf?: unknown;
}

export interface ConsumedTopic {
  readonly topic: string;
  readonly service: string;
}
