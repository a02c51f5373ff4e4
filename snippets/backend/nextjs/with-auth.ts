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
