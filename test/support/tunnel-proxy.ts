/**
 * A CONNECT proxy on 127.0.0.1 for the tests of proxied calls (HTTP_PROXY): tunnels only to 127.0.0.1, given as
 * such or as a name that `hosts` maps to it (its own stand-in DNS: it never resolves a name itself).
 */
import { createServer } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

export interface TunnelProxy {
  readonly url: string;
  /** Each tunnel's target (`host:port`), in the order they were asked for. */
  readonly tunnels: () => string[];
  readonly close: () => Promise<void>;
}

/** Starts the proxy on an ephemeral port; it records each tunnel's target. */
export async function startTunnelProxy(
  options: { readonly hosts?: Readonly<Record<string, string>> } = {},
): Promise<TunnelProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const proxy = createServer((_request, response) => {
    response.writeHead(405);
    response.end();
  });
  proxy.on('connect', (request: { url?: string }, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    tunnels.push(target);
    const [name = '', port] = target.split(':');
    const host = Object.hasOwn(options.hosts ?? {}, name) ? options.hosts?.[name] : name;
    if (host !== '127.0.0.1') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.once('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels: () => [...tunnels],
    close: async () => {
      for (const socket of sockets) socket.destroy();
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
