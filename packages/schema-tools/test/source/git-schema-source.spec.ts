import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { fsSchemaSource, loadSchemas } from '@saga/codegen';
import { checkWorkingTree, describeGitRef, GitSourceError, gitSchemaSource } from '../../src/index.ts';
import { field, record } from '../fixtures.ts';

const exec = promisify(execFile);

describe('gitSchemaSource', () => {
  let repo: string;
  let schemasDir: string;
  const git = (...args: string[]) =>
    exec('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: repo });
  const write = async (path: string, content: unknown) => {
    await mkdir(dirname(join(schemasDir, path)), { recursive: true });
    await writeFile(
      join(schemasDir, path),
      typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    );
  };
  const created = (...fields: object[]) => record('OrderCreated', [field('orderId', 'string'), ...fields]);

  beforeEach(async () => {
    repo = await mkdtemp(join(tmpdir(), 'schema-tools-git-'));
    schemasDir = join(repo, 'schemas');
    await git('init', '--quiet');
    await writeFile(join(repo, 'README.md'), 'not a schema');
    await git('add', '.');
    await git('commit', '--quiet', '-m', 'no schemas directory yet');
    await write('compatibility.json', { default: 'FULL_TRANSITIVE', subjects: {} });
    await write('order/order.created.avsc', created());
    await write('payment/payment.success.avsc', record('PaymentSucceeded', [field('orderId', 'string')]));
    await git('add', '.');
    await git('commit', '--quiet', '-m', 'first schemas');
  });

  afterEach(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it('lists the schema files at a ref, relative to the schemas directory', async () => {
    await write('order/order.cancel.avsc', record('OrderCancel', [field('orderId', 'string')]));
    expect(await gitSchemaSource('HEAD', schemasDir).list()).to.deep.equal([
      'order/order.created.avsc',
      'payment/payment.success.avsc',
    ]);
  });

  it('reads a file as committed, not as it is in the working tree', async () => {
    await write('order/order.created.avsc', created(field('note', 'string')));
    const text = await gitSchemaSource('HEAD', schemasDir).read('order/order.created.avsc');
    expect(JSON.parse(text)).to.deep.equal(created());
  });

  it('lists nothing at a ref where the schemas directory does not exist', async () => {
    expect(await gitSchemaSource('HEAD~1', schemasDir).list()).to.deep.equal([]);
  });

  it('fails on an unknown ref with a named error and a fix', async () => {
    const error = await describeGitRef('no-such-branch', schemasDir).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(GitSourceError);
    expect((error as GitSourceError).code).to.equal('GIT_SOURCE_FAILED');
    expect((error as GitSourceError).fix).to.contain('--against');
  });

  describe('checkWorkingTree against HEAD', () => {
    // The real loader, as the CLI uses it: the working tree through the file system, the ref through git.
    const check = (against = 'HEAD') =>
      checkWorkingTree({ schemasDir, source: fsSchemaSource(schemasDir), load: loadSchemas, against });

    it('fails an uncommitted breaking change, naming the ref and its commit', async () => {
      await write('order/order.created.avsc', created(field('note', 'string')));
      const { stdout } = await git('rev-parse', '--short', 'HEAD');
      const report = await check();
      expect(report.baseline).to.equal(`HEAD (${stdout.trim()})`);
      expect(report.passed).to.equal(false);
      const [order, payment] = report.subjects;
      expect(
        order?.baseline.state === 'changed' && order.baseline.comparisons[0]?.violations[0]?.path,
      ).to.equal('OrderCreated.note');
      expect(payment?.baseline).to.deep.equal({ state: 'unchanged' });
    });

    it('passes an uncommitted safe change and a new topic', async () => {
      await write('order/order.created.avsc', created(field('note', ['null', 'string'], { default: null })));
      await write('order/order.cancel.avsc', record('OrderCancel', [field('orderId', 'string')]));
      const report = await check();
      expect(report.passed).to.equal(true);
      expect(report.subjects.map((s) => [s.subject, s.baseline.state])).to.deep.equal([
        ['order.cancel-value', 'new'],
        ['order.created-value', 'changed'],
        ['payment.success-value', 'unchanged'],
      ]);
    });

    it('follows a change to a shared type in common/ into every topic that uses it', async () => {
      const money = (amountType: string) => ({
        type: 'record',
        name: 'Money',
        namespace: 'io.saga.common',
        fields: [field('amountMinor', amountType), field('currency', 'string')],
      });
      const invoice = record('Invoiced', [
        field('lines', { type: 'array', items: record('Line', [field('price', 'io.saga.common.Money')]) }),
        field('total', 'io.saga.common.Money'),
      ]);
      await write('common/Money.avsc', money('long'));
      await write('payment/payment.invoiced.avsc', invoice);
      await git('add', '.');
      await git('commit', '--quiet', '-m', 'shared money');
      await write('common/Money.avsc', money('int'));

      const report = await check();
      const invoiced = report.subjects.find((s) => s.subject === 'payment.invoiced-value');
      const paths =
        invoiced?.baseline.state === 'changed'
          ? invoiced.baseline.comparisons.flatMap((c) => c.violations.map((v) => `${c.direction} ${v.path}`))
          : [];
      expect(paths).to.deep.equal([
        'backward Invoiced.lines[].price.amountMinor',
        'backward Invoiced.total.amountMinor',
      ]);
    });

    it('treats every topic as new against a ref without a schemas directory', async () => {
      const report = await check('HEAD~1');
      expect(report.subjects.every((s) => s.baseline.state === 'new')).to.equal(true);
    });
  });
});
