import { expect } from 'chai';
import { uuidV5 } from '../src/ids/uuid-v5.ts';

// Expected values from Python's uuid.uuid5, an independent implementation of RFC 9562.
const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const URL_NS = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5', () => {
  it('matches the reference implementation', () => {
    expect(uuidV5('python.org', DNS)).to.equal('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('hashes the name as UTF-8', () => {
    expect(uuidV5('https://example.com/ü', URL_NS)).to.equal('a17f7a1d-6bb5-51a9-9d32-f9d2fdeec8b6');
  });

  it('accepts the namespace in upper case too', () => {
    expect(uuidV5('python.org', DNS.toUpperCase())).to.equal('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('is a version 5, RFC-variant UUID', () => {
    expect(uuidV5('anything', DNS)).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('differs between namespaces for the same name', () => {
    expect(uuidV5('python.org', DNS)).to.not.equal(uuidV5('python.org', URL_NS));
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('name', 'not-a-uuid')).to.throw(TypeError, /namespace must be a UUID/);
  });
});
