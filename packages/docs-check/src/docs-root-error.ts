import { PlatformError } from '@saga/errors';

/** The folder given as the repository's root has no package.json, so no script can be checked. */
export class DocsRootError extends PlatformError {
  readonly code = 'DOCS_ROOT_INVALID';
  readonly retriable = false;

  constructor(readonly root: string) {
    super(
      `${root} holds no package.json; fix: run the check from the repository's root (npm run docs:check)`,
    );
  }
}
