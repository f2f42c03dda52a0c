import type { BenchSection } from '../section.ts';
import { sagaBurst } from './saga-burst.ts';

/** Every section, in the order a run takes them: baselines first, then the platform's own figures. */
export const sections: readonly BenchSection[] = [sagaBurst];
