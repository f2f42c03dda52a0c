import { expect } from 'chai';
import { findJava, findJavaAmong } from '../src/prerequisites/find-java.ts';
import { StackError } from '../src/stack-error.ts';

describe('findJava', function () {
  this.timeout(30_000);

  it('finds a runtime of at least the version asked for', async () => {
    const java = await findJava(17);
    expect(java.major).to.be.at.least(17);
  });

  it('names the version needed, what it found, and the fix when nothing fits', async () => {
    const java = await findJava(17);
    const error = await findJavaAmong(999, [java.path, '/nonexistent/bin/java']).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StackError);
    expect((error as StackError).code).to.equal('PREREQUISITE_MISSING');
    expect((error as StackError).message)
      .to.contain('Java 999+ is required')
      .and.contain(`Java ${java.major}`);
    expect((error as StackError).fix).to.contain('JAVA_HOME');
  });

  it('says so when there is no Java at all', async () => {
    const error = await findJavaAmong(17, ['/nonexistent/bin/java']).catch((e: unknown) => e);
    expect((error as StackError).message).to.contain('found no Java at all');
  });
});
