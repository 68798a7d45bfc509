import { type Message, messageJson, reasonOf } from './messages.ts';

/**
 * An error a user can act on. The server turns it into RFC 9457 problem+json and the CLI into a one-line reason;
 * `code` is stable and becomes the problem `type`.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'Problem';
  }
}

export const problemType = (code: string): string => `urn:lodestone:problem:${code}`;

export const notFound = (what: string) => new Problem(404, 'not-found', `${what} not found`);
export const invalid = (message: string, extra?: Record<string, unknown>) =>
  new Problem(400, 'invalid-input', message, extra);
export const conflict = (message: string) => new Problem(409, 'conflict', message);

/**
 * A 400 whose reason is a message: `detail` in English as before, and `errors` with its code and parameters for a
 * client to say it in its reader's language.
 */
export const invalidMessage = (
  message: Message,
  detail = reasonOf(message),
  extra?: Record<string, unknown>,
) => invalid(detail, { ...extra, errors: [messageJson(message)] });
