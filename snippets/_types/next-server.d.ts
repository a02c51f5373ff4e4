// The small part of `next/server` that the handbook's middleware examples use, declared so the
// examples type-check without installing Next.js.
export declare class NextURL extends URL {}

export declare class NextRequest extends Request {
  readonly nextUrl: NextURL;
  readonly cookies: { get(name: string): { name: string; value: string } | undefined };
  readonly ip?: string;
}

export declare class NextResponse<Body = unknown> extends Response {
  static next(init?: { request?: { headers?: Headers } }): NextResponse;
  static json<T>(body: T, init?: ResponseInit): NextResponse<T>;
  static redirect(url: string | URL, status?: number): NextResponse;
  static rewrite(destination: string | URL): NextResponse;
  readonly cookies: { set(name: string, value: string, options?: Record<string, unknown>): void };
  private readonly __body?: Body;
}
