export { buildContractsModel, type ContractsModel, type TopicModel } from './contracts-model.ts';
export { buildModel } from './build-model.ts';
export { referencedTypes } from './referenced-types.ts';
export type * from './type-model.ts';
