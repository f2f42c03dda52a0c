import { expect } from 'chai';
import { newClusterId } from '../src/pieces/kafka.ts';

describe('newClusterId', () => {
  it('is a Kafka Uuid (16 bytes, URL-safe base64) that never starts with "-", which the storage tool would take for an option', () => {
    // One in 64 random ids starts with "-": 4096 draws all but surely meet that case.
    const ids = Array.from({ length: 4096 }, () => newClusterId());
    for (const id of ids) {
      expect(id).to.match(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, 'base64url')).to.have.length(16);
    }
    expect(new Set(ids).size).to.equal(ids.length);
  });
});
