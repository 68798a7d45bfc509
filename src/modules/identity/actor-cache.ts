import type { Actor } from './types.ts';

/**
 * Resolved callers, kept a few seconds. Every API request needs its caller; without this each one costs a
 * join over sessions, users, memberships and tenants, and on the embedded engine a request would wait for any
 * long transaction (an import) just to learn who is asking. Sign-out and token revocation forget at once;
 * other changes to a membership take effect within the lifetime.
 */
export const actorCacheMs = 5000;
const maxEntries = 10_000;

const entries = new Map<string, { actor: Actor; until: number }>();

export function cachedActor(key: string): Actor | null {
  const hit = entries.get(key);
  if (!hit) return null;
  if (hit.until < Date.now()) {
    entries.delete(key);
    return null;
  }
  return hit.actor;
}

export function rememberActor(key: string, actor: Actor): void {
  if (entries.size >= maxEntries) entries.clear();
  entries.set(key, { actor, until: Date.now() + actorCacheMs });
}

export function forgetActor(key: string): void {
  entries.delete(key);
}

export function forgetAllActors(): void {
  entries.clear();
}
