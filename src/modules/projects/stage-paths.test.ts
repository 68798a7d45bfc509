import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, restore } from '../../db/backup.ts';
import type { Database } from '../../db/client.ts';
import { inTenant, type TenantTx } from '../../db/scope.ts';
import {
  allowedMoves,
  holdReasons,
  lossReasons,
  type PipelineStage,
  type Stage,
  stages,
} from '../../domain/project-stages.ts';
import { prng } from '../../domain/random.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import type { AuditActor } from '../audit/service.ts';
import { createCompany } from '../companies/service.ts';
import { createTenant } from '../tenants/service.ts';
import { type BulkMove, insertProjectsBulk } from './bulk.ts';
import { funnel } from './funnel.ts';
import { createProject, deleteProject, type ProjectRow } from './service.ts';
import { moveStage } from './stages.ts';

type Rows<T> = { rows: T[] };
interface Path {
  reached: string[];
  stays: string[];
}

const day = 86_400_000;
const creditCode = '91330100716105852F';

/** A legal next move from where a project stands, with the reason on_hold and lost need; null at the end. */
function randomMove(random: () => number, stage: Stage, heldFrom: PipelineStage | null) {
  const options = allowedMoves(stage, heldFrom);
  if (!options.length) return null;
  const to = options[Math.floor(random() * options.length)] as Stage;
  const reasons = to === 'on_hold' ? holdReasons : to === 'lost' ? lossReasons : null;
  return { to, reason: reasons ? (reasons[Math.floor(random() * reasons.length)] as string) : null };
}

describe.each(testEngines())('project stage paths on %s', (engine) => {
  let database: Database;
  let actor: AuditActor;
  let other: AuditActor;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    const by = { email: 'test@lodestone', userId: null };
    const tenant = await createTenant(
      database.db,
      { slug: 'paths', nameZh: '路径', divisionCode: '310114' },
      by,
    );
    const second = await createTenant(
      database.db,
      { slug: 'paths-b', nameZh: '乙', divisionCode: '310114' },
      by,
    );
    actor = { ...by, tenantId: tenant.id };
    other = { ...by, tenantId: second.id };
  });
  afterAll(async () => {
    await database?.close();
  });

  /** Every project's path as a recount of its stage moves gives it: stages entered, stays as stage and seconds. */
  async function recount(): Promise<Map<string, Path>> {
    const { rows } = (await database.db.execute(sql`
      select project_id, from_stage, to_stage, seconds_in_from from project_stage_moves`)) as unknown as Rows<{
      project_id: string;
      from_stage: string | null;
      to_stage: string;
      seconds_in_from: string | number | null;
    }>;
    const out = new Map<string, { reached: Set<string>; stays: string[] }>();
    for (const m of rows) {
      const path = out.get(m.project_id) ?? { reached: new Set<string>(), stays: [] };
      path.reached.add(m.to_stage);
      if (m.from_stage) path.stays.push(`${m.from_stage}:${m.seconds_in_from ?? 'null'}`);
      out.set(m.project_id, path);
    }
    return new Map(
      [...out].map(([id, p]) => [id, { reached: [...p.reached].sort(), stays: p.stays.sort() }]),
    );
  }

  /** The kept paths, decoded: bit i of reached and stay stage i both stand for stages[i]. */
  async function kept(): Promise<Map<string, Path>> {
    const { rows } = (await database.db.execute(sql`
      select project_id, reached, stay_stages, stay_seconds from rollup_project_stage_paths`)) as unknown as Rows<{
      project_id: string;
      reached: number;
      stay_stages: number[];
      stay_seconds: (string | number | null)[];
    }>;
    return new Map(
      rows.map((r) => [
        r.project_id,
        {
          reached: stages.filter((_, i) => r.reached & (1 << i)).sort(),
          stays: r.stay_stages.map((s, i) => `${stages[s]}:${r.stay_seconds[i] ?? 'null'}`).sort(),
        },
      ]),
    );
  }

  /** Walks projects through random legal moves, one request's transaction at a time, dated forward. */
  async function walk(random: () => number, steps: number, projects: ProjectRow[]) {
    for (let i = 0; i < steps; i++) {
      const k = Math.floor(random() * projects.length);
      const project = projects[k] as ProjectRow;
      const next = randomMove(random, project.stage as Stage, project.heldFrom as PipelineStage | null);
      if (!next) continue;
      const at = new Date(project.stageEnteredAt.getTime() + Math.floor(random() * 40 * day));
      projects[k] = await inTenant(database.db, actor.tenantId, (tx) =>
        moveStage(
          tx,
          actor,
          project,
          { ...next, creditCode: next.to === 'registered' ? creditCode : null },
          { at },
        ),
      );
    }
  }

  it('equals a recount of the stage moves after random moves, bulk loads, deletions and edits of history', async () => {
    const random = prng(20261125);
    const start = new Date('2024-01-01T00:00:00Z');
    const projects = await inTenant(database.db, actor.tenantId, async (tx) => {
      await createCompany(tx, actor, {
        creditCode,
        nameZh: '上海嘉定氢能港科技有限公司',
        industryCode: '3849',
        townCode: '310114103',
        enterpriseType: 'domestic',
      });
      const made: ProjectRow[] = [];
      for (let i = 0; i < 40; i++)
        made.push(
          await createProject(
            tx,
            actor,
            { title: `路径项目 ${i}` },
            { at: new Date(start.getTime() + i * day) },
          ),
        );
      return made;
    });
    await walk(random, 400, projects);
    // Forward, back from negotiating, paused and resumed, lost: every kind of move happened.
    const moves = (await recount()).values();
    const stays = [...moves].flatMap((p) => p.stays.map((s) => s.split(':')[0]));
    for (const stage of ['lead', 'contacted', 'negotiating', 'signed', 'registered', 'on_hold'])
      expect(stays, stage).toContain(stage);
    expect(projects.some((p) => p.stage === 'lost')).toBe(true);
    expect(await kept()).toEqual(await recount());

    // A bulk load (the demo's and a full import's path) writes histories many rows per statement, split across
    // statements (a project's moves may straddle two), in another tenant too.
    const histories = (count: number) =>
      Array.from({ length: count }, (_, i) => {
        const moves: BulkMove[] = [{ from: null, to: 'lead', at: new Date(start.getTime() + i * day) }];
        let stage: Stage = 'lead';
        let heldFrom: PipelineStage | null = null;
        for (let step = 0; step < 12; step++) {
          const next = randomMove(random, stage, heldFrom);
          if (!next) break;
          const last = moves.at(-1) as BulkMove;
          moves.push({
            from: stage,
            to: next.to,
            reason: next.reason,
            at: new Date(last.at.getTime() + day),
          });
          heldFrom = next.to === 'on_hold' ? (stage as PipelineStage) : null;
          stage = next.to;
        }
        return {
          project: { title: `批量 ${i}`, stage, heldFrom, stageEnteredAt: (moves.at(-1) as BulkMove).at },
          moves,
        };
      });
    await inTenant(database.db, actor.tenantId, (tx) =>
      insertProjectsBulk(tx, actor, histories(1_200), 'test', database.engine === 'pglite'),
    );
    await inTenant(database.db, other.tenantId, (tx) =>
      insertProjectsBulk(tx, other, histories(30), 'test', false),
    );
    expect(await kept()).toEqual(await recount());

    // Deleting a project takes its history with it; editing or deleting moves directly recounts the projects.
    await inTenant(database.db, actor.tenantId, async (tx) => {
      for (const p of projects.slice(0, 3)) await deleteProject(tx, actor, p.id);
    });
    const target = projects[5] as ProjectRow;
    await database.db.execute(
      sql`update project_stage_moves set seconds_in_from = seconds_in_from + 1 where project_id = ${target.id}`,
    );
    await database.db.execute(sql`
      delete from project_stage_moves where id in (
        select id from project_stage_moves where from_stage is not null order by id limit 5)`);
    const after = await recount();
    expect(after.has((projects[0] as ProjectRow).id)).toBe(false);
    expect(await kept()).toEqual(after);
  });

  it('is rebuilt from the restored moves on restore, not copied', async () => {
    const file = path.join(os.tmpdir(), `lodestone-paths-${process.pid}-${engine}.jsonl.gz`);
    const before = await kept();
    await backup(database, file);
    await restore(database, file);
    fs.rmSync(file, { force: true });
    expect(await kept()).toEqual(await recount());
    expect(await kept()).toEqual(before);
  });

  it('gives the funnel the reached counts and exact medians a recount of the moves gives', async () => {
    const viewer = {
      userId: '00000000-0000-7000-8000-000000000000',
      role: 'admin' as const,
      townCodes: [],
      partnerId: null,
    };
    const figures = await inTenant(database.db, actor.tenantId, (tx: TenantTx) =>
      funnel(tx, viewer, {}, 'none', 'month'),
    );
    const { rows } = (await database.db.execute(sql`
      select from_stage, to_stage, seconds_in_from, project_id from project_stage_moves
      where tenant_id = ${actor.tenantId}`)) as unknown as Rows<{
      from_stage: string | null;
      to_stage: string;
      seconds_in_from: string | number | null;
      project_id: string;
    }>;
    const group = figures.groups[0];
    expect(group).toBeDefined();
    for (const s of group?.stages ?? []) {
      const reached = new Set(rows.filter((m) => m.to_stage === s.stage).map((m) => m.project_id));
      const seconds = rows
        .filter((m) => m.from_stage === s.stage)
        .map((m) => m.seconds_in_from)
        .filter((x) => x !== null)
        .map(Number)
        .sort((a, b) => a - b);
      expect(s.reached, s.stage).toBe(reached.size);
      expect(s.completedStays, s.stage).toBe(rows.filter((m) => m.from_stage === s.stage).length);
      if (!seconds.length) expect(s.medianDays).toBeNull();
      else {
        const mid = (seconds.length - 1) / 2;
        const median = ((seconds[Math.floor(mid)] as number) + (seconds[Math.ceil(mid)] as number)) / 2;
        expect(s.medianDays, s.stage).toBeCloseTo(median / 86_400, 2);
      }
    }
  });
});
