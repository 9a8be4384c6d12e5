import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny HTTP proxy in front of moto that answers some calls with AWS errors, in the wire shape of
 * each protocol: JSON 1.1 (ECS, `x-amz-target` header) and query (IAM, `Action=` form body).
 */

export type Fault = 'throttle' | 'access-denied';

export interface FaultRule {
  /** Operation name, e.g. `ListServices`, `GetAccountAuthorizationDetails`. */
  operation: string;
  fault: Fault;
  /** How many calls fail before the proxy forwards again; `Infinity` for a permanent failure. */
  times: number;
}

export interface FaultProxy {
  endpoint: string;
  /** Requests seen per operation, failed or forwarded. */
  seen: Map<string, number>;
  /** Faults injected per operation. */
  injected: Map<string, number>;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, rules: readonly FaultRule[]): Promise<FaultProxy> {
  const upstream = new URL(target);
  const seen = new Map<string, number>();
  const injected = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const { operation, json } = operationOf(req, body);
    bump(seen, operation);
    const rule = rules.find((r) => r.operation === operation);
    if (rule && (injected.get(operation) ?? 0) < rule.times) {
      bump(injected, operation);
      sendFault(res, rule.fault, json);
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', (err) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
    forward.end(body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) =>
      res.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    injected,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

function operationOf(req: IncomingMessage, body: Buffer): { operation: string; json: boolean } {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return { operation: target.split('.').pop() ?? target, json: true };
  const action = new URLSearchParams(body.toString('utf8')).get('Action');
  return { operation: action ?? `${req.method} ${req.url}`, json: false };
}

function sendFault(res: ServerResponse, fault: Fault, json: boolean): void {
  const requestId = '00000000-0000-4000-8000-000000000000';
  if (json) {
    const [status, type, message] =
      fault === 'throttle'
        ? [400, 'ThrottlingException', 'Rate exceeded']
        : [
            400,
            'AccessDeniedException',
            'User is not authorized to perform this action (scopedown fault proxy)',
          ];
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-errortype': type,
      'x-amzn-requestid': requestId,
    });
    res.end(JSON.stringify({ __type: type, message }));
    return;
  }
  const [status, code, message] =
    fault === 'throttle'
      ? [400, 'Throttling', 'Rate exceeded']
      : [403, 'AccessDenied', 'User is not authorized to perform this action (scopedown fault proxy)'];
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
  res.end(
    `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>` +
      `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
}
