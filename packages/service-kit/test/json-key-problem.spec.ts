import { expect } from 'chai';
import { jsonKeyProblem } from '../src/index.ts';

describe('jsonKeyProblem', () => {
  const accepted: [string, string][] = [
    ['an object with distinct keys', '{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}'],
    ['the same key in sibling objects', '[{"sku":"A"},{"sku":"B"}]'],
    ['a key-like string value', '{"a":"b\\":","c":"constructor"}'],
    ['keys with escapes that differ', '{"a\\"b":1,"a\\\\b":2}'],
    ['empty containers', '{"a":{},"b":[],"c":[[],{}]}'],
  ];
  for (const [what, text] of accepted) {
    it(`accepts ${what}`, () => {
      expect(jsonKeyProblem(text)).to.equal(undefined);
    });
  }

  const refused: [string, string, string][] = [
    [
      'a repeated key',
      '{"quantity":1,"quantity":-1}',
      'key "quantity" appears twice in the body; send each key once',
    ],
    [
      'a repeated key deep in an array',
      '{"items":[{"sku":"A"},{"sku":"B","sku":"C"}]}',
      'key "sku" appears twice in items.1; send each key once',
    ],
    [
      'a repeat spelt with an escape',
      '{"a":1,"\\u0061":2}',
      'key "a" appears twice in the body; send each key once',
    ],
    [
      'a constructor key',
      '{"items":[{"constructor":{"prototype":{"admin":true}}}]}',
      'key "constructor" in items.0 is not allowed (it could alter object prototypes); remove it',
    ],
    [
      'a __proto__ key spelt with escapes',
      '{"\\u005f_proto__":{}}',
      'key "__proto__" in the body is not allowed (it could alter object prototypes); remove it',
    ],
  ];
  for (const [what, text, problem] of refused) {
    it(`refuses ${what}`, () => {
      expect(jsonKeyProblem(text)).to.equal(problem);
    });
  }
});
