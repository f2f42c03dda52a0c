import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { bareErrorClasses, sourceFiles, type BareErrorClass } from './support/bare-error-classes.ts';

/**
 * "All errors derive from one base class", as a failing test: the platform's runtime source
 * (packages/*\/src, services/*\/src, stack/src, codegen/src, chaos/src) declares no class that extends
 * Error (or another built-in error) except PlatformError itself, in packages/errors/src.
 */
describe('every error class of the platform derives from PlatformError', () => {
  const where = (c: BareErrorClass) => `${c.file}:${c.line}: ${c.text}`;

  it('reads the platform’s source: every package and service, the stack, codegen and chaos', () => {
    const roots = new Set(sourceFiles().map((file) => file.split('/src/')[0]));
    expect([...roots]).to.include.members([
      'packages/config',
      'packages/events',
      'packages/saga-engine',
      'packages/service-kit',
      'services/order-service',
      'services/payment-service',
      'stack',
      'codegen',
      'chaos',
    ]);
    expect([...roots]).not.to.include('packages/errors');
  });

  it('finds no class that extends Error instead of PlatformError', () => {
    expect(
      bareErrorClasses().map(where),
      'extend PlatformError from @saga/errors (with a code and a retriable flag); found',
    ).to.deep.equal([]);
  });

  describe('the check itself, on a scratch tree', () => {
    let root: string;
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };

    before(() => {
      root = mkdtempSync(join(tmpdir(), 'bare-errors-'));
      for (const folder of ['packages', 'services', 'stack', 'codegen', 'chaos'])
        mkdirSync(join(root, folder));
      write(
        'packages/errors/src/platform-error.ts',
        'export abstract class PlatformError extends Error {}\n',
      );
      write('packages/good/src/good-error.ts', 'export class GoodError extends PlatformError {}\n');
      write('packages/good/test/fake-error.spec.ts', 'class FakeError extends Error {}\n');
      write(
        'services/shop/src/domain/shop-error.ts',
        '// a shop\n\nexport class ShopError extends Error {\n}\n',
      );
      write('stack/src/stack-error.ts', 'export class StackError extends TypeError {}\n');
      write('chaos/src/x.ts', 'const ErrorBase = 1;\nclass NotAnError extends ErrorBase {}\n');
    });
    after(() => {
      rmSync(root, { recursive: true, force: true });
    });

    it('names the file and line of each class that extends a built-in error, and nothing else', () => {
      expect(bareErrorClasses(root).map(where)).to.deep.equal([
        'services/shop/src/domain/shop-error.ts:3: export class ShopError extends Error {',
        'stack/src/stack-error.ts:1: export class StackError extends TypeError {}',
      ]);
    });
  });
});
