import { PlatformError } from '@saga/errors';

/** The console's UI did not bundle: a TypeScript or CSS error in services/console/ui, with esbuild's words. */
export class UiBundleError extends PlatformError {
  readonly code = 'UI_BUNDLE_FAILED';
  readonly retriable = false;
}
