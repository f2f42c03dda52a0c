import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { serviceUrls } from '../src/service-urls.ts';

describe('serviceUrls', () => {
  it('calls each service at its configured port on this machine', () => {
    expect(serviceUrls(loadConfig({ ORDER_SERVICE_PORT: '4000' }))).to.deep.equal({
      order: 'http://127.0.0.1:4000',
      orchestrator: 'http://127.0.0.1:3001',
      inventory: 'http://127.0.0.1:3002',
      payment: 'http://127.0.0.1:3003',
    });
  });

  it('calls the loopback when HOST is a wildcard, which is where a server listens, not an address', () => {
    expect(serviceUrls(loadConfig({ HOST: '0.0.0.0' })).order).to.equal('http://127.0.0.1:3000');
    expect(serviceUrls(loadConfig({ HOST: '::' })).order).to.equal('http://127.0.0.1:3000');
  });

  it('brackets an IPv6 HOST', () => {
    expect(serviceUrls(loadConfig({ HOST: '::1' })).order).to.equal('http://[::1]:3000');
  });
});
