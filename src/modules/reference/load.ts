import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

const files = {
  divisions: new URL('../../db/reference/divisions.json', import.meta.url),
  industries: new URL('../../db/reference/industries.json', import.meta.url),
};

// Each file is handed to PostgreSQL as one JSON parameter and unpacked there: one round trip for 45,000 rows.
const loaders: Record<keyof typeof files, (json: string) => ReturnType<typeof sql>> = {
  divisions: (json) => sql`
    insert into reference_divisions (code, name, parent_code, level)
    select x->>0, x->>1, x->>2,
      case length(x->>0) when 2 then 'province' when 4 then 'city' when 6 then 'county' else 'town' end
    from json_array_elements(${json}::json) as x`,
  industries: (json) => sql`
    insert into reference_industries (code, parent_code, name_zh, name_en, level)
    select x->>0, x->>1, x->>2, x->>3,
      case length(x->>0) when 1 then 'section' when 2 then 'division' when 3 then 'group' else 'class' end
    from json_array_elements(${json}::json) as x`,
};

/**
 * Loads the shipped reference files into their tables when they are new or have changed (by checksum), so
 * start-up costs nothing once loaded and an updated file reaches every database on its next start.
 */
export async function loadReferenceData(db: Db): Promise<void> {
  for (const name of Object.keys(files) as (keyof typeof files)[]) {
    const json = fs.readFileSync(files[name], 'utf8');
    const checksum = createHash('sha256').update(json).digest('hex');
    const current = (await db.execute(
      sql`select checksum from reference_meta where name = ${name}`,
    )) as unknown as {
      rows: { checksum: string }[];
    };
    if (current.rows[0]?.checksum === checksum) continue;
    await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`delete from reference_${name}`));
      await tx.execute(loaders[name](json));
      await tx.execute(sql`
        insert into reference_meta (name, checksum) values (${name}, ${checksum})
        on conflict (name) do update set checksum = excluded.checksum`);
    });
  }
}
