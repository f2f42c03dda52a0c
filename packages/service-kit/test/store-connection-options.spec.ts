import { expect } from 'chai';
import { defaultStorePoolSize, storeConnectionOptions } from '../src/runtime/run-service.ts';

describe('storeConnectionOptions', () => {
  it('opens a pool of 8 connections: the single writer per document makes a pool safe on FerretDB', () => {
    expect(defaultStorePoolSize).to.equal(8);
    expect(storeConnectionOptions('mongodb://127.0.0.1:27017')).to.deep.equal({ maxPoolSize: 8 });
  });

  it('leaves the pool size to the URL when it names one', () => {
    expect(storeConnectionOptions('mongodb://db:27017/?maxPoolSize=20')).to.deep.equal({});
  });
});
