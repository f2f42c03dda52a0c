/** A successful answer: its status (200, 201, 202...), its headers and its body as the operation's schema types it. */
export interface ApiResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}
