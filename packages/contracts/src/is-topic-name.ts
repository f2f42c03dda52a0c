import { Topics, type TopicName } from './generated/index.ts';

const topicNames: ReadonlySet<string> = new Set(Object.values(Topics));

/** Whether a string (say, the topic of a consumed Kafka message) is one of the saga's topics. */
export function isTopicName(value: string): value is TopicName {
  return topicNames.has(value);
}
