export * from './checker/index.ts';
export { runChaos, formatChaosResult, type ChaosRunOptions, type ChaosRunResult } from './chaos-run.ts';
export { parseDuration } from './duration.ts';
