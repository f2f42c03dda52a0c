import { expect } from 'chai';
import { formatCheckReport, type CheckReport, type SubjectCheck } from '../../src/index.ts';

const violation = {
  code: 'TYPE_MISMATCH',
  path: 'OrderCreated.items[].quantity',
  message: 'type changed from long to int: the new schema cannot read long written with the old schema',
  fix: 'use a promotable type',
} as const;

function report(
  subjects: SubjectCheck[],
  registry: CheckReport['registry'] = { state: 'not-asked' },
): CheckReport {
  return {
    baseline: 'HEAD (abc1234)',
    registry,
    subjects,
    removed: [],
    passed: subjects.every((s) => s.passed),
  };
}

const unchanged: SubjectCheck = {
  subject: 'order.cancel-value',
  topic: 'order.cancel',
  mode: 'FULL_TRANSITIVE',
  baseline: { state: 'unchanged' },
  passed: true,
};

describe('formatCheckReport', () => {
  it('gives an untouched subject one line', () => {
    const lines = formatCheckReport(
      report([unchanged, { ...unchanged, subject: 'order.shipped-value', baseline: { state: 'new' } }]),
    );
    expect(lines).to.include('PASS order.cancel-value (FULL_TRANSITIVE): unchanged since HEAD (abc1234)');
    expect(lines).to.include('PASS order.shipped-value (FULL_TRANSITIVE): new subject');
    expect(lines.at(-1)).to.equal('All 2 subjects compatible.');
  });

  it('spells out a failing subject: versions compared, direction, path, fix and deploy order', () => {
    const lines = formatCheckReport(
      report([
        {
          ...unchanged,
          subject: 'order.created-value',
          baseline: {
            state: 'changed',
            comparisons: [
              { against: 'HEAD (abc1234)', direction: 'backward', violations: [violation] },
              { against: 'HEAD (abc1234)', direction: 'forward', violations: [] },
            ],
          },
          passed: false,
        },
      ]),
    );
    expect(lines.slice(1, -2)).to.deep.equal([
      '*_TRANSITIVE modes cover every earlier version; without the registry only the one at HEAD (abc1234) is at hand.',
      '',
      'FAIL order.created-value (FULL_TRANSITIVE)',
      '  changed since HEAD (abc1234)',
      '    backward (new schema reads data written with HEAD (abc1234)): 1 violation',
      '      OrderCreated.items[].quantity: type changed from long to int: the new schema cannot read long written with the old schema',
      '        fix: use a promotable type',
      '    forward (HEAD (abc1234) reads data written with the new schema): compatible',
      '  once fixed, deploy: producers and consumers may be upgraded in either order',
    ]);
    expect(lines.at(-1)).to.contain('1 of 1 subject incompatible').and.contain('npm run schemas:check');
  });

  it('names which side to deploy first for a passing change', () => {
    const lines = formatCheckReport(
      report([
        {
          ...unchanged,
          mode: 'BACKWARD',
          baseline: {
            state: 'changed',
            comparisons: [{ against: 'HEAD (abc1234)', direction: 'backward', violations: [] }],
          },
        },
      ]),
    );
    expect(lines).to.include('  deploy: upgrade consumers first, then producers');
  });

  it('shows the registry versions compared and its verdict', () => {
    const lines = formatCheckReport(
      report(
        [
          {
            ...unchanged,
            registry: {
              state: 'checked',
              versions: [1, 2],
              sameAsBaseline: [],
              comparisons: [
                { against: 'registry version 1', direction: 'backward', violations: [violation] },
                { against: 'registry version 2', direction: 'backward', violations: [] },
              ],
              verdict: { compatible: false, level: 'FULL_TRANSITIVE', counted: true },
            },
            passed: false,
          },
        ],
        { state: 'online', url: 'http://r/apis/ccompat/v7' },
      ),
    );
    expect(lines[0]).to.equal(
      'Checking 1 subject against HEAD (abc1234) and the schema registry at http://r/apis/ccompat/v7.',
    );
    expect(lines).to.include('  registry versions 1, 2:');
    expect(lines).to.include(
      '    backward (new schema reads data written with registry version 1): 1 violation',
    );
    expect(lines).to.include('  registry verdict: incompatible');
  });

  it('does not repeat the violations of a registry version identical to the baseline', () => {
    const lines = formatCheckReport(
      report([
        {
          ...unchanged,
          baseline: {
            state: 'changed',
            comparisons: [{ against: 'HEAD (abc1234)', direction: 'backward', violations: [violation] }],
          },
          registry: {
            state: 'checked',
            versions: [1],
            sameAsBaseline: [1],
            comparisons: [],
            verdict: { compatible: false, level: 'FULL_TRANSITIVE', counted: true },
          },
          passed: false,
        },
      ]),
    );
    expect(lines).to.include('  registry version 1: same as HEAD (abc1234), checked above');
    expect(lines.filter((l) => l.includes(violation.path))).to.have.length(1);
  });

  it('calls a topic missing at the baseline but known to the registry "not in" the baseline, not new', () => {
    const lines = formatCheckReport(
      report([
        { ...unchanged, baseline: { state: 'new' }, registry: { state: 'registered', version: 3, id: 7 } },
      ]),
    );
    expect(lines).to.include(
      'PASS order.cancel-value (FULL_TRANSITIVE): not in HEAD (abc1234); already registered as version 3 (id 7)',
    );
  });

  it('says when the registry did not answer and the check ran offline', () => {
    const [header] = formatCheckReport(
      report([unchanged], {
        state: 'unreachable',
        url: 'http://r',
        reason: 'Schema registry at http://r did not answer',
      }),
    );
    expect(header).to.contain('Schema registry at http://r did not answer').and.contain('Checking offline');
  });
});
