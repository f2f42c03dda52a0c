import { HttpError } from '@saga/service-kit';
import type { PlatformService } from '../service-urls.ts';

/** 502: the platform service a console request goes to did not answer (down, or too slow). */
export class UpstreamUnavailableError extends HttpError {
  constructor(
    readonly service: PlatformService,
    reason: string,
  ) {
    super(502, 'UPSTREAM_UNAVAILABLE', `the ${service} service did not answer: ${reason}`, { service });
  }
}
