export { stackPaths, type StackPaths } from './paths.ts';
export { pieces } from './pieces/index.ts';
export { kafkaPiece, type KafkaListeners } from './pieces/kafka.ts';
export { POSTGRES_PORT, postgresPiece, postgresUrl } from './pieces/postgres.ts';
export { storePiece, type StorePorts } from './pieces/store.ts';
export type { Piece, PieceContext, PieceName } from './pieces/piece.ts';
export { consoleReporter, silentReporter, type Reporter } from './reporter.ts';
export { Stack, type PieceStatus } from './stack.ts';
export { StackError, type StackErrorCode } from './stack-error.ts';
export { Platform } from './platform.ts';
export {
  localScramEnv,
  readLocalScramCredentials,
  SCRAM_PORT,
  type ScramCredentials,
} from './pieces/kafka-scram.ts';
export {
  clientTokens,
  ensureStackTokens,
  parseTokensFile,
  resolveStackTokens,
  stackTokensFile,
  type ResolvedTokens,
  type StackTokens,
} from './secrets/stack-tokens.ts';
