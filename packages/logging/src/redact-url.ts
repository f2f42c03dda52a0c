/**
 * The text with the password of every URL's `user:password@` part masked, for logs, errors and status
 * pages: a registry or store URL may carry credentials, and whoever reads those must not learn them.
 * Works on a URL or on any message that quotes one (a client library's error does).
 */
export function redactUrl(text: string): string {
  return text.replace(/\/\/([^:@/\s]+):[^@/\s]*@/g, '//$1:***@');
}
