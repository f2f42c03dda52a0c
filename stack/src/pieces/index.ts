import { kafka } from './kafka.ts';
import type { Piece } from './piece.ts';
import { postgres } from './postgres.ts';
import { registry } from './registry.ts';
import { store } from './store.ts';

/** The local infrastructure, in start order. */
export const pieces: readonly Piece[] = [kafka, registry, postgres, store];

export { servicePieces } from './service.ts';
