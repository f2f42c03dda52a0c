import { kafka } from './kafka.ts';
import type { Piece } from './piece.ts';
import { registry } from './registry.ts';
import { store } from './store.ts';

/** The local infrastructure, in start order. */
export const pieces: readonly Piece[] = [kafka, registry, store];

export { servicePieces } from './service.ts';
