import { expect } from 'chai';
import { singleConnectionUrl, withSingleStoreConnection } from '../../src/model/single-store-connection.ts';

describe('singleConnectionUrl', () => {
  it('adds maxPoolSize=1 to a URL without options, after a path slash', () => {
    expect(singleConnectionUrl('mongodb://127.0.0.1:27017')).to.equal(
      'mongodb://127.0.0.1:27017/?maxPoolSize=1',
    );
    expect(singleConnectionUrl('mongodb://127.0.0.1:27017/')).to.equal(
      'mongodb://127.0.0.1:27017/?maxPoolSize=1',
    );
  });

  it('keeps the path, credentials, hosts and other options, and overrides any pool size given', () => {
    expect(singleConnectionUrl('mongodb://u:p@a:1,b:2/admin?replicaSet=rs0&maxPoolSize=50')).to.equal(
      'mongodb://u:p@a:1,b:2/admin?replicaSet=rs0&maxPoolSize=1',
    );
    expect(singleConnectionUrl('mongodb+srv://cluster.example.net/?retryWrites=true')).to.equal(
      'mongodb+srv://cluster.example.net/?retryWrites=true&maxPoolSize=1',
    );
  });

  it('applies to the configured MONGO_URL, or to its default when unset', () => {
    expect(withSingleStoreConnection({ MONGO_URL: 'mongodb://db:27017/x' }).MONGO_URL).to.equal(
      'mongodb://db:27017/x?maxPoolSize=1',
    );
    expect(withSingleStoreConnection({ LOG_LEVEL: 'warn' })).to.deep.equal({
      LOG_LEVEL: 'warn',
      MONGO_URL: 'mongodb://127.0.0.1:27017/?maxPoolSize=1',
    });
  });
});
