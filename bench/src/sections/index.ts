// Every section of `npm run bench`, by name; run one alone with `npm run -w @saga/bench section -- <name>`.
import type { BenchSection } from '../section.ts';
import { codecSection } from './codec.ts';
import { rawPipelineSection } from './raw-pipeline.ts';

export const sections: readonly BenchSection[] = [rawPipelineSection, codecSection];
