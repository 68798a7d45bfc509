import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config.ts';
import { backup, restore } from '../db/backup.ts';
import { openReadyDatabase } from '../db/bootstrap.ts';
import type { Database } from '../db/client.ts';
import { inTenant } from '../db/scope.ts';
import { bureauTimeZone, civilDate } from '../domain/calendar.ts';
import {
  isMessageCode,
  type Message,
  type MessageLanguage,
  messageJson,
  messageLanguageOf,
  renderMessage,
} from '../domain/messages.ts';
import { invalid, notFound, Problem } from '../domain/problem.ts';
import { exportFormatOf, writeExport } from '../modules/companies/export.ts';
import { rejectsCsv } from '../modules/companies/import/jobs.ts';
import { importCompanies } from '../modules/companies/import/pipeline.ts';
import { cockpit } from '../modules/dashboard/service.ts';
import { cockpitWorkbook } from '../modules/dashboard/workbook.ts';
import { seedDemo } from '../modules/demo/seed.ts';
import { authenticate, createApiToken, createUser } from '../modules/identity/service.ts';
import { existingPartnerIds } from '../modules/partners/service.ts';
import { createTenant, findTenant } from '../modules/tenants/service.ts';
import { listZones } from '../modules/territory/service.ts';
import { serve } from '../server/serve.ts';
import { version } from '../server/version.ts';
import { progressBar } from './progress.ts';
import { exportProjectsFromCli, importProjectsFromCli } from './projects.ts';

const operator = { email: 'cli@lodestone', userId: null };

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openReadyDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** A partner user speaks for one partner of its own tenant; anything else would show it nothing, or too much. */
async function checkPartner(database: Database, slug: string, role: string, partnerId: string) {
  if (role !== 'partner') throw invalid('--partner is for the partner role only');
  const tenant = await findTenant(database.db, slug);
  if (!tenant) throw notFound(`tenant "${slug}"`);
  const known = /^[0-9a-f-]{36}$/i.test(partnerId)
    ? await inTenant(database.db, tenant.id, (tx) => existingPartnerIds(tx, [partnerId]))
    : new Set<string>();
  if (!known.has(partnerId)) throw notFound(`partner ${partnerId} in ${slug}`);
}

/** The language of the terminal's locale, as the C library reads it: LC_ALL, then LC_MESSAGES, then LANG. */
export function terminalLanguage(env: NodeJS.ProcessEnv = process.env): MessageLanguage {
  return messageLanguageOf(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** `--json` prints exactly one JSON object; otherwise a short human line. */
function report(json: boolean | undefined, result: Record<string, unknown>, human: string): void {
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${human}\n`);
}

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export function buildCli(): Command {
  const program = new Command('lodestone')
    .description('Lodestone: investment promotion for a district bureau')
    .version(version)
    .showHelpAfterError(false)
    .exitOverride();

  program
    .command('serve')
    .description('serve the web app and API (PORT, HOST, DATABASE_URL, DATA_DIR)')
    .option('--demo', 'create the Jiading demo tenant on first start')
    .action(async (opts: { demo?: boolean }) => serve(loadConfig(), { demo: Boolean(opts.demo) }));

  program
    .command('migrate')
    .description('apply database migrations and load reference data')
    .option('--json', 'print one JSON object')
    .action(async (opts: { json?: boolean }) => {
      const engine = await withDatabase(async (d) => d.engine);
      report(opts.json, { ok: true, engine }, `database is up to date (${engine})`);
    });

  const seed = program.command('seed').description('create sample data');
  seed
    .command('demo')
    .description('create the Jiading demo tenant with its towns, zone, sites, clusters and demo users')
    .option('--scale <scale>', "data volume: small (500 companies) or full (the article's scale)", 'small')
    .option('--json', 'print one JSON object')
    .action(async (opts: { scale: string; json?: boolean }) => {
      if (opts.scale !== 'small' && opts.scale !== 'full')
        throw new Problem(400, 'invalid-input', `unknown scale "${opts.scale}": use small or full`);
      const result = await withDatabase(async (d) => {
        const bar = opts.json || !process.stderr.isTTY ? null : progressBar();
        try {
          return await seedDemo(d, {
            scale: opts.scale as 'small' | 'full',
            onProgress: (p) => bar?.update(p),
          });
        } finally {
          bar?.stop();
        }
      });
      report(
        opts.json,
        { ...result },
        result.created
          ? `created demo tenant ${result.tenant} with ${result.companies} companies and ${result.projects} projects`
          : `demo tenant ${result.tenant} already exists (${result.companies} companies, ${result.projects} projects)`,
      );
    });

  program
    .command('tenant')
    .description('manage tenants')
    .command('create')
    .description('create a tenant (its towns come from the division code)')
    .requiredOption('--slug <slug>', 'short id used in URLs and flags, e.g. jiading')
    .requiredOption('--name <name>', 'Chinese name, e.g. 嘉定区')
    .requiredOption('--division <code>', 'GB/T 2260 division code, e.g. 310114')
    .option('--name-en <name>', 'English name')
    .option('--locale <locale>', 'default UI language: zh-CN or en', 'zh-CN')
    .option('--json', 'print one JSON object')
    .action(
      async (opts: {
        slug: string;
        name: string;
        division: string;
        nameEn?: string;
        locale: string;
        json?: boolean;
      }) => {
        const t = await withDatabase((d) =>
          createTenant(
            d.db,
            {
              slug: opts.slug,
              nameZh: opts.name,
              nameEn: opts.nameEn,
              divisionCode: opts.division,
              defaultLocale: opts.locale,
            },
            operator,
          ),
        );
        report(
          opts.json,
          { id: t.id, slug: t.slug, name: t.nameZh, division: t.divisionCode, towns: t.towns },
          `created tenant ${t.slug} (${t.nameZh}, ${t.divisionName}) with ${t.towns} towns`,
        );
      },
    );

  program
    .command('user')
    .description('manage users')
    .command('create')
    .description('create a user (or add an existing one) as a member of a tenant')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--password <password>', 'at least 10 characters')
    .requiredOption('--role <role>', 'admin, officer, analyst, viewer or partner')
    .option('--name <name>', 'display name')
    .option('--towns <codes>', 'narrow to these town codes, comma-separated', list)
    .option(
      '--partner <id>',
      'for the partner role: the partner it speaks for (id from GET /api/v1/partners)',
    )
    .option('--json', 'print one JSON object')
    .action(
      async (opts: {
        tenant: string;
        email: string;
        password: string;
        role: string;
        name?: string;
        towns?: string[];
        partner?: string;
        json?: boolean;
      }) => {
        const u = await withDatabase(async (d) => {
          if (opts.partner) await checkPartner(d, opts.tenant, opts.role, opts.partner);
          return createUser(
            d.db,
            {
              tenantSlug: opts.tenant,
              email: opts.email,
              password: opts.password,
              role: opts.role,
              displayName: opts.name,
              townCodes: opts.towns,
              partnerId: opts.partner,
            },
            operator,
          );
        });
        report(opts.json, u, `created ${u.role} ${u.email} in ${u.tenant}`);
      },
    );

  program
    .command('token')
    .description('manage API tokens')
    .command('create')
    .description('create an API token for a user (checks their password); prints the secret once')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--email <email>', 'user email')
    .requiredOption('--password <password>', 'user password')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--json', 'print one JSON object')
    .action(
      async (opts: { tenant: string; email: string; password: string; name: string; json?: boolean }) => {
        const token = await withDatabase(async (d) =>
          createApiToken(d.db, await authenticate(d.db, opts.email, opts.password, opts.tenant), opts.name),
        );
        report(opts.json, token, token.token);
      },
    );

  program
    .command('import <entity> <file>')
    .description(
      'import a spreadsheet (CSV or XLSX, UTF-8 or GB18030) of companies or projects; all or nothing',
    )
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--encoding <encoding>', 'auto, utf8 or gb18030', 'auto')
    .option(
      '--rejects <file>',
      'companies: write every rejected row, with its line and reason, to this CSV file',
    )
    .option('--json', 'print one JSON object')
    .action(
      async (
        entity: string,
        file: string,
        opts: { tenant: string; encoding: string; rejects?: string; json?: boolean },
      ) => {
        if (entity === 'projects') {
          const r = await withDatabase((d) => importProjectsFromCli(d, file, opts));
          return report(opts.json, r.json, r.human);
        }
        if (entity !== 'companies')
          throw new Problem(400, 'invalid-input', `cannot import "${entity}": use companies or projects`);
        if (!['auto', 'utf8', 'gb18030'].includes(opts.encoding)) {
          throw new Problem(
            400,
            'invalid-input',
            `unknown encoding "${opts.encoding}": use auto, utf8 or gb18030`,
          );
        }
        if (!fs.existsSync(file)) throw new Problem(400, 'invalid-input', `no such file: ${file}`);
        if (fs.statSync(file).isDirectory())
          throw new Problem(400, 'invalid-input', `${file} is a folder: give the spreadsheet file itself`);
        if (opts.rejects) {
          const folder = path.dirname(path.resolve(opts.rejects));
          if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory())
            throw new Problem(400, 'invalid-input', `--rejects: no such folder ${folder}`);
          if (fs.existsSync(opts.rejects) && fs.statSync(opts.rejects).isDirectory())
            throw new Problem(400, 'invalid-input', `--rejects: ${opts.rejects} is a folder, not a file`);
        }
        const result = await withDatabase(async (d) => {
          const tenant = await findTenant(d.db, opts.tenant);
          if (!tenant) throw new Problem(404, 'not-found', `tenant "${opts.tenant}" not found`);
          const bar = opts.json || !process.stderr.isTTY ? null : progressBar();
          let imported: Awaited<ReturnType<typeof importCompanies>>;
          try {
            imported = await importCompanies(
              d,
              { path: file },
              {
                fileName: path.basename(file),
                actor: { ...operator, tenantId: tenant.id },
                encoding: opts.encoding as 'auto' | 'utf8' | 'gb18030',
                onProgress: (p) => bar?.update(p),
              },
            );
          } finally {
            bar?.stop();
          }
          // The output shows the first rejects only; the file holds them all, as the web's download does.
          if (opts.rejects) {
            const csv = await inTenant(d.db, tenant.id, (tx) =>
              rejectsCsv(tx, imported.jobId, terminalLanguage()),
            );
            fs.writeFileSync(opts.rejects, csv);
          }
          return imported;
        });
        const { rejects, ...summary } = result;
        // Every row refused is a bad file, not an import: the report as usual, then a non-zero exit.
        const refused = () => {
          if (result.inserted + result.updated + result.unchanged === 0)
            throw new Problem(
              422,
              'invalid-input',
              `every row of ${file} was rejected; nothing was imported`,
            );
        };
        if (opts.json) {
          const coded = rejects.map(({ message, ...reject }) => ({ ...reject, ...messageJson(message) }));
          report(true, { ...summary, rejects: coded }, '');
          return refused();
        }
        const language = terminalLanguage();
        const lines = [
          `imported ${file}: ${result.totalRows} rows (${result.format}${result.encoding ? `, ${result.encoding}` : ''}) in ${result.seconds.toFixed(1)} s`,
          `  ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected`,
          ...rejects.slice(0, 20).map((r) => `  line ${r.line}: ${renderMessage(r.message, language)}`),
        ];
        if (opts.rejects) lines.push(`  every rejected row, with its reason: ${opts.rejects}`);
        else if (result.rejected > 20)
          lines.push(`  … ${result.rejected - 20} more: run again with --rejects FILE for all of them`);
        if (result.unknownHeaders.length)
          lines.push(`  ignored columns: ${result.unknownHeaders.join(', ')}`);
        report(false, {}, lines.join('\n'));
        refused();
      },
    );

  program
    .command('export <entity> <file>')
    .description('export companies or projects to CSV or XLSX (by the file extension)')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--json', 'print one JSON object')
    .action(async (entity: string, file: string, opts: { tenant: string; json?: boolean }) => {
      if (entity === 'projects') {
        const r = await withDatabase((d) => exportProjectsFromCli(d, file, opts));
        return report(opts.json, r.json, r.human);
      }
      if (entity !== 'companies')
        throw new Problem(400, 'invalid-input', `cannot export "${entity}": use companies or projects`);
      const format = exportFormatOf(file);
      if (!format)
        throw new Problem(400, 'invalid-input', `${file}: the file name must end in .csv or .xlsx`);
      const result = await withDatabase(async (d) => {
        const tenant = await findTenant(d.db, opts.tenant);
        if (!tenant) throw new Problem(404, 'not-found', `tenant "${opts.tenant}" not found`);
        return inTenant(d.db, tenant.id, (tx) => writeExport(tx, {}, format, file));
      });
      report(opts.json, { file, format, rows: result.rows }, `exported ${result.rows} companies to ${file}`);
    });

  program
    .command('backup <file>')
    .description('write every tenant row to a portable file that restores into either engine')
    .option('--json', 'print one JSON object')
    .action(async (file: string, opts: { json?: boolean }) => {
      const r = await withDatabase((d) => backup(d, file));
      report(
        opts.json,
        { ...r },
        `backed up ${r.rows} rows in ${Object.keys(r.tables).length} tables to ${file}`,
      );
    });

  program
    .command('restore <file>')
    .description('replace all data with a backup (all or nothing)')
    .option('--json', 'print one JSON object')
    .action(async (file: string, opts: { json?: boolean }) => {
      const r = await withDatabase((d) => restore(d, file));
      report(
        opts.json,
        { ...r },
        `restored ${r.rows} rows in ${Object.keys(r.tables).length} tables from ${file}`,
      );
    });

  program
    .command('report')
    .description('print a report')
    .command('cockpit')
    .description("the leadership cockpit's figures, as the API gives them")
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--zone <name>', 'a zone, by its Chinese or English name')
    .option('--town <codes>', 'town codes, comma-separated', list)
    .option('--since <date>', "first day, YYYY-MM-DD (default: 1 January of the last day's year)")
    .option('--until <date>', 'last day, YYYY-MM-DD (default: today)')
    .option('--xlsx <file>', 'also write the cockpit as a workbook: one sheet per figure, with its rows')
    .option('--lang <lang>', 'the workbook language: zh-CN or en', 'zh-CN')
    .option('--json', 'print one JSON object')
    .action(
      async (opts: {
        tenant: string;
        zone?: string;
        town?: string[];
        since?: string;
        until?: string;
        xlsx?: string;
        lang: string;
        json?: boolean;
      }) => {
        if (opts.lang !== 'zh-CN' && opts.lang !== 'en') throw invalid('--lang is zh-CN or en');
        const lang = opts.lang;
        const figures = await withDatabase(async (d) => {
          const tenant = await findTenant(d.db, opts.tenant);
          if (!tenant) throw notFound(`tenant "${opts.tenant}"`);
          return inTenant(d.db, tenant.id, async (tx) => {
            const wanted = opts.zone?.trim().toLowerCase();
            const zone = wanted
              ? (await listZones(tx)).find(
                  (z) => z.nameZh === opts.zone?.trim() || z.nameEn?.toLowerCase() === wanted,
                )
              : undefined;
            if (wanted && !zone) throw notFound(`zone "${opts.zone}" in ${opts.tenant}`);
            const figures = await cockpit(
              tx,
              { townCodes: [] },
              { zone: zone?.id, town: opts.town, since: opts.since, until: opts.until },
              civilDate(new Date(), bureauTimeZone),
            );
            if (opts.xlsx) {
              // The command line reads as the bureau does: every project of the tenant.
              const bureau = { userId: '', role: 'admin' as const, townCodes: [], partnerId: null };
              fs.writeFileSync(opts.xlsx, await cockpitWorkbook(tx, bureau, figures, lang));
            }
            return figures;
          });
        });
        const area = figures.area.zone?.nameZh ?? figures.area.towns?.join(',') ?? opts.tenant;
        report(
          opts.json,
          figures,
          `${area} ${figures.period.since}..${figures.period.until}: ${figures.newCompanies.companies} new companies, ` +
            `${figures.majorProjects.projects} major projects (${figures.majorProjects.amountYuan} yuan), ` +
            `${figures.signed.projects} signed` +
            (opts.xlsx ? `; workbook written to ${opts.xlsx}` : ''),
        );
      },
    );

  return program;
}

/** A problem in the terminal's language when it carries a message code (a refused file …), else as it is. */
function problemLine(problem: Problem): string {
  const errors = problem.extra.errors;
  const first = Array.isArray(errors) ? (errors[0] as Partial<Message> | undefined) : undefined;
  if (!first || !isMessageCode(first.code)) return problem.message;
  const language = terminalLanguage();
  return language === 'en' ? problem.message : renderMessage({ ...first, code: first.code }, language);
}

/** One line on stderr and a non-zero exit for anything the user can fix; a stack only for real faults. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof Problem) {
      process.stderr.write(`lodestone: ${problemLine(err)}\n`);
      return 1;
    }
    process.stderr.write(`lodestone: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.LODESTONE_DEBUG) console.error(err);
    return 1;
  }
}
