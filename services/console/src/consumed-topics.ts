import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@saga/config';
import { isPlatformService, type PlatformService } from './service-urls.ts';

/** A topic and the service that consumes it: the one whose dead-letter routes hold its dead letters. */
export interface ConsumedTopic {
  readonly topic: string;
  readonly service: PlatformService;
}

interface TopicsFile {
  readonly topics: Readonly<Record<string, { readonly receivers: readonly string[] }>>;
}

/**
 * Who consumes each topic, from schemas/topics.json: the file codegen checks the contracts against,
 * which the services' `consumes` lists agree with (test/consumed-topics.spec.ts checks it). `order-service` is the
 * console's `order`, and so on.
 */
export function consumedTopics(file = join(repoRoot, 'schemas', 'topics.json')): ConsumedTopic[] {
  const { topics } = JSON.parse(readFileSync(file, 'utf8')) as TopicsFile;
  const consumed: ConsumedTopic[] = [];
  for (const [topic, { receivers }] of Object.entries(topics)) {
    for (const receiver of receivers) {
      const service = receiver.replace(/-service$/, '');
      if (isPlatformService(service)) consumed.push({ topic, service });
    }
  }
  return consumed.sort((a, b) => a.topic.localeCompare(b.topic));
}
