import { EventClientError } from './errors.ts';

/**
 * KAFKA_SSL_CA_FILE names a file that cannot be used as the brokers' CA. Raised while building the
 * client's options, before any connection, so a typo in the path stops start-up with the path in view
 * instead of surfacing later as a certificate error from the TLS handshake.
 */
export class CaFileError extends EventClientError {
  readonly code = 'KAFKA_CA_FILE_UNUSABLE';
  readonly retriable = false;
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `KAFKA_SSL_CA_FILE=${path} ${reason}; fix: point KAFKA_SSL_CA_FILE at a readable PEM file holding the CA certificate that signed the brokers' certificates, or unset it to trust the system CAs`,
      options,
    );
  }
}
