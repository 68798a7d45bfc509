import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TenantTx } from '../db/scope.ts';
import type { SnapshotCache } from '../db/snapshot-cache.ts';
import type { Actor } from '../modules/identity/types.ts';
import { requireActor, scoped } from './auth.ts';

/**
 * A GET's JSON reply through a snapshot cache: given again while nothing has been committed since it was read.
 * The caller's scope is part of the key, since the same address shows a town officer or a partner less.
 */
export async function cachedJson(
  req: FastifyRequest,
  reply: FastifyReply,
  cache: SnapshotCache,
  read: (tx: TenantTx, actor: Actor) => Promise<unknown>,
) {
  const actor = requireActor(req);
  const key = JSON.stringify([
    actor.tenantId,
    actor.userId,
    actor.role,
    actor.townCodes,
    actor.partnerId,
    req.url,
  ]);
  const body = await cache.reply(req.server.database, key, async () =>
    Buffer.from(JSON.stringify(await scoped(req, read))),
  );
  return reply.type('application/json; charset=utf-8').send(body);
}
