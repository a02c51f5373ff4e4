// The runtime side of snippets/_types/next-server.d.ts: the part of `next/server` the handbook's
// TypeScript examples use, built on the web Request/Response classes node already has, so the
// compiled examples run without installing Next.js.
export class NextURL extends URL {}

export class NextRequest extends Request {
  constructor(input, init) {
    super(input, init);
    this.nextUrl = new NextURL(typeof input === "string" ? input : input.url);
    const header = this.headers.get("cookie") ?? "";
    const jar = new Map(
      header.split(";").map((part) => part.trim()).filter(Boolean)
        .map((part) => {
          const at = part.indexOf("=");
          return [part.slice(0, at), part.slice(at + 1)];
        }),
    );
    this.cookies = {
      get: (name) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    };
  }
}

export class NextResponse extends Response {
  constructor(body, init) {
    super(body, init);
    const headers = this.headers;
    this.cookies = {
      set: (name, value) => headers.append("set-cookie", `${name}=${value}`),
    };
  }

  static json(body, init = {}) {
    const headers = new Headers(init.headers);
    headers.set("content-type", "application/json");
    return new NextResponse(JSON.stringify(body), { ...init, headers });
  }

  static next() {
    return new NextResponse(null, { status: 200, headers: { "x-middleware-next": "1" } });
  }

  static redirect(url, status = 307) {
    return new NextResponse(null, { status, headers: { location: String(url) } });
  }

  static rewrite(destination) {
    return new NextResponse(null, { headers: { "x-middleware-rewrite": String(destination) } });
  }
}
