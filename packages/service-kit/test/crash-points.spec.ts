import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { CrashPointSpecError, parseCrashPoints } from '../src/crash/crash-points.ts';

describe('crash points', () => {
  it('arms a point for its first reach, its Nth reach, or with a probability', () => {
    const armed = parseCrashPoints([
      'mid-reservation',
      'after-store-write-before-commit:3',
      'after-publish-before-outbox-removal@0.25',
    ]);
    expect(armed.get('mid-reservation')).to.deep.equal({ nth: 1 });
    expect(armed.get('after-store-write-before-commit')).to.deep.equal({ nth: 3 });
    expect(armed.get('after-publish-before-outbox-removal')).to.deep.equal({ probability: 0.25 });
  });

  for (const [spec, reason] of [
    ['after-lunch', 'names no crash point'],
    ['mid-reservation:0', 'counts from 1'],
    ['mid-reservation@2', 'is not name, name:N or name@P'],
    ['Mid Reservation', 'is not name, name:N or name@P'],
  ] as const) {
    it(`refuses "${spec}": ${reason}`, () => {
      expect(() => parseCrashPoints([spec]))
        .to.throw(CrashPointSpecError, reason)
        .with.property('message')
        .that.contains('fix:');
    });
  }

  it('kills the process with SIGKILL when an armed point is reached, and not before', () => {
    const script = `
      import { armCrashPoints, crashPoint } from './src/crash/crash-points.ts';
      armCrashPoints(['mid-reservation:2']);
      crashPoint('after-store-write-before-commit');
      crashPoint('mid-reservation');
      process.stdout.write('survived the first reach\\n');
      crashPoint('mid-reservation');
      process.stdout.write('survived the second reach\\n');
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('..', import.meta.url).pathname,
      encoding: 'utf8',
    });
    expect(result.signal).to.equal('SIGKILL');
    expect(result.stdout).to.equal('survived the first reach\n');
    expect(result.stderr).to.contain('"point":"mid-reservation"');
  });
});
