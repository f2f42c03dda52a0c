import type { BenchSection } from '../section.ts';
import { codecSection } from './codec.ts';
import { rawPipelineSection } from './raw-pipeline.ts';
import { sagaBurst } from './saga-burst.ts';
import { sagaGrowth } from './saga-growth.ts';
import { sagaLatency } from './saga-latency.ts';
import { sagaOverload } from './saga-overload.ts';
import { sagaReplicas } from './saga-replicas.ts';
import { storeRates } from './store-rates.ts';

/**
 * Every section of `npm run bench`, in the order a run takes them: the baselines first, then the
 * platform's own figures, and last the growth section, which seeds history into the stores for a
 * while. `npm run bench -- --only <name>[,<name>]` runs some of them.
 */
export const sections: readonly BenchSection[] = [
  rawPipelineSection,
  codecSection,
  storeRates,
  sagaBurst,
  sagaLatency,
  sagaOverload,
  sagaReplicas,
  sagaGrowth,
];
