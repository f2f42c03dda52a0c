import { expect } from 'chai';
import { decodeCursor, encodeCursor } from '../src/listing/list-cursor.ts';

const cursor = {
  createdAt: new Date('2025-06-07T08:09:10.111Z'),
  id: '9a2afb0f-10a2-5c5d-b79f-8f33eb15c3b9',
};

describe('list cursor', () => {
  it('decodes what it encoded', () => {
    expect(decodeCursor(encodeCursor(cursor))).to.deep.equal(cursor);
  });

  it('is URL-safe text', () => {
    expect(encodeCursor(cursor)).to.match(/^[A-Za-z0-9_-]+$/);
  });

  const bad: [string, string][] = [
    ['not base64 JSON', 'not-a-cursor'],
    ['JSON of another shape', Buffer.from('{"a":1}').toString('base64url')],
    [
      'a time that is not an integer',
      Buffer.from('[1.5,"9a2afb0f-10a2-5c5d-b79f-8f33eb15c3b9"]').toString('base64url'),
    ],
    [
      'a time out of range',
      Buffer.from('[9e15,"9a2afb0f-10a2-5c5d-b79f-8f33eb15c3b9"]').toString('base64url'),
    ],
    ['an id that is not a UUID', Buffer.from('[0,"x"]').toString('base64url')],
    ['empty', ''],
  ];
  for (const [what, text] of bad) {
    it(`refuses ${what}`, () => {
      expect(decodeCursor(text)).to.equal(undefined);
    });
  }
});
