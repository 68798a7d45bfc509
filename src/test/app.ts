import type { Database } from '../db/client.ts';
import type { Role } from '../domain/access.ts';
import { seedDemo } from '../modules/demo/seed.ts';
import { createUser } from '../modules/identity/service.ts';
import { createTenant } from '../modules/tenants/service.ts';
import { buildApp } from '../server/app.ts';
import { multipart } from './multipart.ts';

export const demoPassword = 'lodestone-demo';

/** The API on a fresh database with the demo tenant, driven in-process through Fastify's inject. */
export async function demoApp(
  database: Database,
  options: { loginRateLimit?: { max: number; timeWindow: number } } = {},
) {
  await seedDemo(database);
  const app = await buildApp({ database, serveWeb: false, ...options });
  await app.ready();
  return app;
}

type App = Awaited<ReturnType<typeof demoApp>>;

/** Signs in and returns the session cookie header to send with later requests. */
export async function signIn(app: App, email: string, password = demoPassword): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lodestone_session');
  if (!cookie) throw new Error('no session cookie');
  return `lodestone_session=${cookie.value}`;
}

/** A demo-tenant officer limited to these towns, signed in: the session cookie header. */
export async function signInTownOfficer(app: App, email: string, townCodes: string[]): Promise<string> {
  const password = `${email}-password`;
  await createUser(
    app.database.db,
    { tenantSlug: 'jiading', email, password, role: 'officer', townCodes },
    { email: 'test@lodestone', userId: null },
  );
  return signIn(app, email, password);
}

/** A second tenant (浦东新区, slug `other`) with one user of this role, signed in: for tenant-scoping tests. */
export async function signInOtherTenant(app: App, role: Role): Promise<string> {
  const operator = { email: 'test@lodestone', userId: null };
  const db = app.database.db;
  await createTenant(db, { slug: 'other', nameZh: '浦东新区', divisionCode: '310115' }, operator);
  await createUser(
    db,
    { tenantSlug: 'other', email: 'o@other.test', password: 'other-password', role },
    operator,
  );
  return signIn(app, 'o@other.test', 'other-password');
}

/** Uploads a registry file as the web import page does: the job waits at the mapping step. */
export async function uploadCompanies(
  app: App,
  cookie: string,
  fileName: string,
  content: Buffer,
): Promise<string> {
  const body = multipart(fileName, content);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/companies/imports',
    headers: { ...body.headers, cookie },
    payload: body.payload,
  });
  if (res.statusCode !== 201) throw new Error(`upload of ${fileName} failed: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}
