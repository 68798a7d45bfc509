import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { Problem, problemType } from '../domain/problem.ts';

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: problemType(code), title: titles[status] ?? 'Error', status, detail, ...extra });
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// PostgreSQL error classes that mean the input was wrong, not the server.
const pgClientErrors: Record<string, [number, string, string]> = {
  '23505': [409, 'conflict', 'a record with the same unique value already exists'],
  '23503': [409, 'conflict', 'the record refers to, or is referred to by, a record that does not allow this'],
  '22P02': [400, 'invalid-input', 'a value has the wrong format'],
  '22007': [400, 'invalid-input', 'a date or time has the wrong format'],
  '22008': [400, 'invalid-input', 'a date or time is out of range'],
  '22003': [400, 'invalid-input', 'a number is out of range'],
  '22001': [400, 'invalid-input', 'a value is too long'],
};

type SchemaError = NonNullable<FastifyError['validation']>[number];

const formatWords: Record<string, string> = { date: 'a date YYYY-MM-DD that exists', uuid: 'a UUID' };

/**
 * Schema errors in words a caller can act on: each field once, and a choice of values listed (a union of
 * literals fails as one "must be equal to constant" per literal, which names none of them).
 */
export function validationDetail(context: string | undefined, errors: SchemaError[]): string {
  const byField = new Map<string, SchemaError[]>();
  for (const e of errors) {
    const missing =
      e.keyword === 'required' ? (e.params as { missingProperty?: string }).missingProperty : undefined;
    const field = missing ?? (e.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'body');
    byField.set(field, [...(byField.get(field) ?? []), e]);
  }
  const parts = [...byField].map(([field, list]) => {
    if (list[0]?.keyword === 'required') return `${field} is required`;
    const allowed = list.flatMap((e) => {
      const params = e.params as { allowedValue?: unknown; allowedValues?: unknown[] };
      return e.keyword === 'const'
        ? [params.allowedValue]
        : e.keyword === 'enum'
          ? (params.allowedValues ?? [])
          : [];
    });
    if (allowed.length) return `${field} must be one of ${allowed.join(', ')}`;
    const first = list.find((e) => e.keyword !== 'anyOf') ?? list[0];
    const format = first?.keyword === 'format' ? (first.params as { format?: string }).format : undefined;
    if (format && formatWords[format]) return `${field} must be ${formatWords[format]}`;
    return `${field} ${first?.message ?? 'is not valid'}`;
  });
  return `${context ?? 'request'}: ${parts.join('; ')}`;
}

function pgCode(err: unknown): string | undefined {
  let e = err as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Every error leaves as RFC 9457 problem+json; only a genuine fault is a 500, and it is logged. */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof Problem) return sendProblem(reply, err.status, err.code, err.message, err.extra);
    if (err.validation) {
      return sendProblem(reply, 400, 'validation', validationDetail(err.validationContext, err.validation), {
        errors: err.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      });
    }
    const known = pgCode(err);
    const mapped = known ? pgClientErrors[known] : undefined;
    if (mapped) return sendProblem(reply, mapped[0], mapped[1], mapped[2]);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code =
        err.statusCode === 429 ? 'rate-limited' : err.code?.toLowerCase().replace(/_/g, '-') || 'bad-request';
      return sendProblem(reply, err.statusCode, code, err.message);
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, 500, 'internal', 'an unexpected error occurred; it has been logged');
  });
}
