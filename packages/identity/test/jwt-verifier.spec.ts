import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import {
  createJwtVerifier,
  InvalidTokenError,
  KeySourceUnavailableError,
  looksLikeJwt,
  mintToken,
  type JwtVerifier,
} from '../src/index.ts';

const secret = 'a-test-secret-of-at-least-32-characters!!';
const settings = { secret, issuer: 'saga-test', audience: 'saga-api' };

async function rejection(verify: JwtVerifier, token: string): Promise<InvalidTokenError> {
  try {
    await verify(token);
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidTokenError);
    return error as InvalidTokenError;
  }
  throw new Error('the token was accepted');
}

/** An HS256 token for alice with these claims, as mintToken would not make it (no roles, odd roles). */
const signedClaims = (claims: Record<string, unknown>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice')
    .setIssuer('saga-test')
    .setAudience('saga-api')
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(secret));

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('createJwtVerifier', () => {
  const verify = createJwtVerifier(settings);
  if (!verify) throw new Error('a secret configures a verifier');
  const token = (over: Partial<Parameters<typeof mintToken>[0]> = {}) =>
    mintToken({ subject: 'alice', roles: ['customer'], ttlSeconds: 600, ...settings, ...over });

  it('is not made when no key source is configured', () => {
    expect(createJwtVerifier({})).to.equal(undefined);
  });

  it('accepts a minted HS256 token: its sub is the subject, its roles the roles', async () => {
    const principal = await verify(await token({ roles: ['customer', 'admin'] }));
    expect(principal.subject).to.equal('alice');
    expect([...principal.roles]).to.have.members(['customer', 'admin']);
    expect(principal.via).to.equal('jwt');
  });

  it('refuses a token signed with another secret (forged)', async () => {
    const forged = await token({ secret: 'another-secret-of-at-least-32-characters' });
    expect((await rejection(verify, forged)).reason).to.equal('its signature does not verify');
  });

  it('refuses an expired token, past the clock tolerance', async () => {
    const old = await token({ now: new Date(Date.now() - 3_600_000), ttlSeconds: 60 });
    expect((await rejection(verify, old)).reason).to.equal('it has expired');
  });

  it('refuses a token for another audience, and one from another issuer', async () => {
    expect((await rejection(verify, await token({ audience: 'someone-else' }))).reason).to.equal(
      'it is meant for another audience',
    );
    expect((await rejection(verify, await token({ issuer: 'evil' }))).reason).to.equal(
      'it comes from another issuer',
    );
  });

  it('refuses alg none, even with a well-formed payload', async () => {
    const payload = {
      sub: 'alice',
      roles: ['admin'],
      exp: Math.floor(Date.now() / 1000) + 600,
      iss: 'saga-test',
      aud: 'saga-api',
    };
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
    expect((await rejection(verify, unsigned)).reason).to.equal('its algorithm is not accepted');
  });

  it('refuses a token without exp: a token that never expires is not accepted', async () => {
    const forever = await new SignJWT({ roles: ['customer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer('saga-test')
      .setAudience('saga-api')
      .sign(new TextEncoder().encode(secret));
    expect((await rejection(verify, forever)).reason).to.match(/exp/);
  });

  it('refuses a token whose roles claim is missing or names no known role', async () => {
    const none = await token({ roles: [] });
    expect((await rejection(verify, none)).reason).to.match(/grants none/);
    const noClaim = await signedClaims({});
    expect((await rejection(verify, noClaim)).reason).to.match(/not an array/);
  });

  it('ignores roles it does not know, keeping the ones it does', async () => {
    const signed = await signedClaims({ roles: ['superuser', 'customer'] });
    expect([...(await verify(signed)).roles]).to.deep.equal(['customer']);
  });

  it('refuses garbage with a reason, not a crash', async () => {
    expect((await rejection(verify, 'a.b.c')).reason).to.equal('it is malformed');
  });

  it('tells a JWT from a static token by shape', () => {
    expect(looksLikeJwt('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.sig')).to.equal(true);
    expect(looksLikeJwt('saga-test-admin-token-0123456789')).to.equal(false);
  });
});

describe('createJwtVerifier with a JWKS endpoint', () => {
  let server: Server;
  let url: string;
  let rsa: { privateKey: CryptoKey; publicKey: CryptoKey };
  let ec: { privateKey: CryptoKey; publicKey: CryptoKey };

  before(async () => {
    rsa = await generateKeyPair('RS256');
    ec = await generateKeyPair('ES256');
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  after(() => {
    server.close();
  });

  const signWith = (key: CryptoKey, alg: string, kid: string) =>
    new SignJWT({ roles: ['ops'] })
      .setProtectedHeader({ alg, kid })
      .setSubject('grafana')
      .setAudience('saga-api')
      .setExpirationTime('10m')
      .sign(key);

  it('accepts RS256 and ES256 tokens signed by a key the endpoint publishes', async () => {
    const verify = createJwtVerifier({ jwksUrl: url, audience: 'saga-api' });
    if (!verify) throw new Error('a JWKS URL configures a verifier');
    expect((await verify(await signWith(rsa.privateKey, 'RS256', 'rsa-1'))).subject).to.equal('grafana');
    expect([...(await verify(await signWith(ec.privateKey, 'ES256', 'ec-1'))).roles]).to.deep.equal(['ops']);
  });

  it('refuses a token signed by a key the endpoint does not publish', async () => {
    const verify = createJwtVerifier({ jwksUrl: url });
    if (!verify) throw new Error('a JWKS URL configures a verifier');
    const stranger = await generateKeyPair('RS256');
    expect((await rejection(verify, await signWith(stranger.privateKey, 'RS256', 'rsa-1'))).reason).to.equal(
      'its signature does not verify',
    );
  });

  it('refuses HS256 when only a JWKS is configured (no public key used as a shared secret)', async () => {
    const verify = createJwtVerifier({ jwksUrl: url });
    if (!verify) throw new Error('a JWKS URL configures a verifier');
    const hs = await mintToken({ secret, subject: 'alice', roles: ['admin'], ttlSeconds: 60 });
    expect((await rejection(verify, hs)).reason).to.equal('its algorithm is not accepted');
  });

  it('says the key source is unavailable, not that the token is bad, when the endpoint is down', async () => {
    const verify = createJwtVerifier({ jwksUrl: 'http://127.0.0.1:9/jwks.json' });
    if (!verify) throw new Error('a JWKS URL configures a verifier');
    const token = await signWith(rsa.privateKey, 'RS256', 'rsa-1');
    try {
      await verify(token);
      expect.fail('the token was accepted');
    } catch (error) {
      expect(error).to.be.instanceOf(KeySourceUnavailableError);
      expect((error as KeySourceUnavailableError).retriable).to.equal(true);
    }
  });
});
