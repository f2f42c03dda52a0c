// Test support for packages that use the contracts: a valid sample message of every topic.
export { topicSamples } from './topic-samples.ts';
