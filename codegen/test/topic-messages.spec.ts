import { join } from 'node:path';
import { Topics } from '@saga/contracts';
import { expect } from 'chai';
import { typeErrors } from './support/compile.ts';

// A file that exists only in memory, placed here so that '@saga/contracts' resolves as from a test.
const file = join(import.meta.dirname, 'topic-messages.generated-check.ts');

describe('topic message types', function () {
  this.timeout(60_000);

  // TypeScript types are structural: if one topic's message had every field of another's, a
  // publisher could put it on the wrong topic and compile. The schemas keep each message distinct.
  it("cannot be published on another topic: no topic's message type is assignable to another's", () => {
    const topics = Object.values(Topics).sort();
    const lines = [
      "import type { TopicMessageMap } from '@saga/contracts';",
      'declare const messages: TopicMessageMap;',
      // Control: each message fits its own topic.
      ...topics.map(
        (t) => `export const self_${t.replace(/\W/g, '_')}: TopicMessageMap['${t}'] = messages['${t}'];`,
      ),
    ];
    const firstPair = lines.length + 1;
    const pairs: string[] = [];
    for (const to of topics) {
      for (const from of topics) {
        if (from === to) continue;
        pairs.push(`${from} -> ${to}`);
        lines.push(`export const p${pairs.length}: TopicMessageMap['${to}'] = messages['${from}'];`);
      }
    }

    const errors = typeErrors([], { [file]: lines.join('\n') });
    expect(errors.filter((e) => e.line < firstPair)).to.deep.equal([]);
    const failed = new Set(errors.map((e) => e.line));
    const assignable = pairs.filter((_, i) => !failed.has(firstPair + i));
    expect(assignable, 'message types assignable to another topic').to.deep.equal([]);
    expect(pairs).to.have.length(topics.length * (topics.length - 1));
  });
});
