// app/api/users/route.ts: validate the body before it reaches the database, answer in the envelope.
import { NextRequest, NextResponse } from 'next/server';
import { withAuth } from './with-auth';

interface User {
  id: number;
  email: string;
  name: string;
}

type NewUser = Omit<User, 'id'>;

// A typed in-memory store stands in for the database client (Prisma, Drizzle, @vercel/postgres).
const db = {
  rows: [] as User[],
  users: {
    async findMany(args: { take: number; skip: number }): Promise<User[]> {
      return db.rows.slice(args.skip, args.skip + args.take);
    },
    async create(data: NewUser): Promise<User> {
      const user = { id: db.rows.length + 1, ...data };
      db.rows.push(user);
      return user;
    },
  },
};

// --8<-- [start:validate]
type Parsed<T> = { ok: true; value: T } | { ok: false; fields: { field: string; reason: string }[] };

// Hand-written to keep the example dependency-free; in an app use a schema library such as Zod.
function parseNewUser(body: unknown): Parsed<NewUser> {
  const fields: { field: string; reason: string }[] = [];
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const email = input['email'];
  const name = input['name'];
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    fields.push({ field: 'email', reason: 'Not a valid email' });
  }
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > 100) {
    fields.push({ field: 'name', reason: '1 to 100 characters' });
  }
  if (fields.length > 0 || typeof email !== 'string' || typeof name !== 'string') {
    return { ok: false, fields };
  }
  return { ok: true, value: { email, name: name.trim() } };
}
// --8<-- [end:validate]

// --8<-- [start:handlers]
export const GET = withAuth(async (request) => {
  const page = Math.max(1, Number(request.nextUrl.searchParams.get('page') ?? '1') || 1);
  const perPage = 20;
  const users = await db.users.findMany({ take: perPage, skip: (page - 1) * perPage });
  return NextResponse.json({ data: users });
});

export const POST = withAuth(async (request) => {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return NextResponse.json(
      { error: { code: 'BAD_REQUEST', message: 'Body is not JSON', details: null } },
      { status: 400 },
    );
  }
  const parsed = parseNewUser(body);
  if (!parsed.ok) {
    return NextResponse.json(
      { error: { code: 'VALIDATION_ERROR', message: 'Invalid user', details: { fields: parsed.fields } } },
      { status: 422 },
    );
  }
  const user = await db.users.create(parsed.value);
  return NextResponse.json({ data: user }, { status: 201 });
});
// --8<-- [end:handlers]

// The route handlers, called as Next.js calls them (node runs the compiled file with a small
// runtime stub of next/server): 401 without a session, 422 in the envelope, 201, then the list.
import assert from 'node:assert/strict';

const context = { params: Promise.resolve({}) };
const signedIn = { cookie: 'session=valid', 'content-type': 'application/json' };
const post = (body: string, headers: Record<string, string> = signedIn) =>
  POST(new NextRequest('http://localhost/api/users', { method: 'POST', headers, body }), context);

assert.equal((await GET(new NextRequest('http://localhost/api/users'), context)).status, 401);
assert.equal((await post('{"email":"ada@example.com"}', {})).status, 401);

const notJson = await post('{not json');
assert.equal(notJson.status, 400);
assert.equal((await notJson.json()).error.code, 'BAD_REQUEST');

const invalid = await post(JSON.stringify({ email: 'nope', name: ' ' }));
assert.equal(invalid.status, 422);
assert.deepEqual((await invalid.json()).error.details.fields.map((f: { field: string }) => f.field),
  ['email', 'name']);

const created = await post(JSON.stringify({ email: 'ada@example.com', name: ' Ada ' }));
assert.equal(created.status, 201);
assert.deepEqual((await created.json()).data, { id: 1, email: 'ada@example.com', name: 'Ada' });

const listed = await GET(new NextRequest('http://localhost/api/users?page=1',
  { headers: signedIn }), context);
assert.equal(listed.status, 200);
assert.equal((await listed.json()).data.length, 1);
