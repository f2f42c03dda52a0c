import { expect } from 'chai';
import { storeConnectionOptions } from '../src/runtime/run-service.ts';

describe('storeConnectionOptions', () => {
  it('uses one connection, so FerretDB applies each document update whole', () => {
    expect(storeConnectionOptions('mongodb://127.0.0.1:27017')).to.deep.equal({ maxPoolSize: 1 });
  });

  it('leaves the pool to a URL that sizes it (MongoDB updates are atomic on any pool)', () => {
    expect(storeConnectionOptions('mongodb://db:27017/?maxPoolSize=20')).to.deep.equal({});
  });
});
