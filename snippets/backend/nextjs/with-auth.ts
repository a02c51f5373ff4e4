// lib/api/with-auth.ts: one wrapper decides 401 for every protected route handler.
import { NextRequest, NextResponse } from 'next/server';

export interface SessionUser {
  id: string;
  role: 'admin' | 'member';
}

export interface Context {
  params: Promise<Record<string, string>>;
}

export type AuthenticatedHandler = (
  request: NextRequest,
  context: Context & { user: SessionUser },
) => Promise<Response>;

// Stands for the session library (Auth.js `auth()`, iron-session, ...): reads the cookie.
export async function getSession(
  request: NextRequest,
): Promise<{ user: SessionUser } | null> {
  const token = request.cookies.get('session')?.value;
  return token === 'valid' ? { user: { id: 'u1', role: 'member' } } : null;
}

// --8<-- [start:wrapper]
export function withAuth(handler: AuthenticatedHandler) {
  return async (request: NextRequest, context: Context): Promise<Response> => {
    const session = await getSession(request);
    if (!session) {
      return NextResponse.json(
        { error: { code: 'AUTH_ERROR', message: 'Unauthorized', details: null } },
        { status: 401 },
      );
    }
    return handler(request, { ...context, user: session.user });
  };
}
// --8<-- [end:wrapper]

// Run by node against the runtime stub of next/server: the wrapper answers 401 in the envelope
// without calling the handler, and passes the session's user to it otherwise.
import assert from 'node:assert/strict';

let calls = 0;
const handler = withAuth(async (_request, { user }) => {
  calls += 1;
  return NextResponse.json({ data: { id: user.id } });
});
const context = { params: Promise.resolve({}) };

const anonymous = await handler(new NextRequest('http://localhost/api/me'), context);
assert.equal(anonymous.status, 401);
assert.equal((await anonymous.json()).error.code, 'AUTH_ERROR');
assert.equal(calls, 0);

const forged = await handler(new NextRequest('http://localhost/api/me',
  { headers: { cookie: 'session=forged' } }), context);
assert.equal(forged.status, 401);

const ok = await handler(new NextRequest('http://localhost/api/me',
  { headers: { cookie: 'session=valid' } }), context);
assert.equal(ok.status, 200);
assert.deepEqual(await ok.json(), { data: { id: 'u1' } });
assert.equal(calls, 1);
