// Generated from schemas/ by `npm run codegen`; the rest are small hand-written helpers over it.
export * from './generated/index.ts';
export { isTopicName } from './is-topic-name.ts';
export type { TopicEnvelope, TopicMessage } from './topic-message.ts';
export { isSku, skuPattern, skuRule } from './sku.ts';
