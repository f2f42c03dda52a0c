import { PlatformError } from '@saga/errors';

/**
 * The base of the inventory service's own errors: each has a stable `code` for logs and alerts, and a
 * `retriable` flag saying whether trying again (a message redelivered, a request repeated) can help.
 */
export abstract class InventoryError extends PlatformError {}
