import { expect } from 'chai';
import { npmScriptReferences } from '../src/npm-script-reference.ts';

describe('npmScriptReferences', () => {
  const scripts = (snippet: string) =>
    npmScriptReferences(snippet).map((r) =>
      r.workspace === undefined ? r.script : `${r.workspace} ${r.script}`,
    );

  it('finds `npm run <script>`, past -s, --silent and other options, and stops at --', () => {
    expect(scripts('npm run -s token -- --sub alice')).to.deep.equal(['token']);
    expect(scripts('npm run --silent lint && npm run-script format')).to.deep.equal(['lint', 'format']);
    expect(scripts('npm run test:chaos -- --seed 7')).to.deep.equal(['test:chaos']);
  });

  it('finds the workspace `-w`/`--workspace` names', () => {
    expect(scripts('npm run -w @saga/chaos recheck -- --seed 7')).to.deep.equal(['@saga/chaos recheck']);
    expect(scripts('npm run --workspace bench charts')).to.deep.equal(['bench charts']);
    expect(scripts('npm run --workspace=stack test:unit')).to.deep.equal(['stack test:unit']);
  });

  it('reads npm start, npm test and npm stop as their scripts', () => {
    expect(scripts('npm install && npm start')).to.deep.equal(['start']);
    expect(scripts('npm test; npm stop')).to.deep.equal(['test', 'stop']);
  });

  it('finds commands inside a substitution or after an assignment', () => {
    expect(scripts('CUSTOMER=$(npm run -s token -- --sub alice)')).to.deep.equal(['token']);
    expect(scripts('CHAOS_INFRASTRUCTURE=private npm run -w @saga/chaos test:outage')).to.deep.equal([
      '@saga/chaos test:outage',
    ]);
  });

  it('names nothing for placeholders, a bare `npm run`, --if-present, every workspace or other npm commands', () => {
    expect(scripts('npm run <script>')).to.deep.equal([]);
    expect(scripts('npm run')).to.deep.equal([]);
    expect(scripts('npm run --if-present lint')).to.deep.equal([]);
    expect(scripts('npm run -ws test')).to.deep.equal([]);
    expect(scripts('npm install x -w @saga/events; npm ci')).to.deep.equal([]);
    expect(scripts('pnpm run x')).to.deep.equal([]);
  });
});
