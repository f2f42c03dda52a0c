import { expect } from 'chai';
import { parseJavaMajor } from '../src/prerequisites/java-version.ts';

describe('parseJavaMajor', () => {
  it('reads the major version of current and old version strings', () => {
    expect(parseJavaMajor('openjdk version "21.0.8" 2025-07-15 LTS')).to.equal(21);
    expect(parseJavaMajor('openjdk version "25" 2025-09-16')).to.equal(25);
    expect(parseJavaMajor('java version "1.8.0_392"')).to.equal(8);
    expect(parseJavaMajor('Error: could not find libjava.so')).to.equal(undefined);
  });
});
