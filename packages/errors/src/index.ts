export { PlatformError } from './platform-error.ts';
