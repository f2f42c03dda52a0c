/**
 * How fast the reference machine (the 2-core development machine docs/performance.md quotes) does
 * what the sections wait for, so that a run can say at its start about how long it will take. Only
 * estimates are read from these, never a figure: a slower machine takes longer, and says so by the
 * time each section prints beside its rows.
 */
export const referencePace = {
  /** Order sagas ended per second through the public API, in a burst (about 6 to 8 measured). */
  sagasPerSecond: 7,
  /** Requests to stock and fund one BenchShop (16 SKUs, 64 customers), in seconds. */
  shopOpenSeconds: 2,
  /** GET /sagas?orderId= per second, as the hop breakdown and the re-send count read them. */
  sagaReadsPerSecond: 50,
  /** Finished sagas seeded (all five archives) and removed again per second on FerretDB. */
  seededSagasPerSecond: 300,
  removedSagasPerSecond: 300,
  /** Raw pipelines per second, per message and batched (the raw-pipeline section's own figures). */
  rawPerMessagePerSecond: 130,
  rawBatchedPerSecond: 4_000,
  /** The four raw-pipeline roles rejoining their groups with new settings, in seconds. */
  rawJoinSeconds: 1,
} as const;

/** The time a burst of `count` orders takes at the reference pace, its shop and last poll included. */
export function burstSeconds(count: number): number {
  return referencePace.shopOpenSeconds + count / referencePace.sagasPerSecond + 2;
}
