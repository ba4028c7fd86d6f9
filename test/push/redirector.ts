/** A server on 127.0.0.1 that answers every request with a redirect to the same path on `target`. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startRedirector(target: string, status = 307): Promise<{ url: string; hits: number; close(): Promise<void> }> {
  const redirector = {
    url: '',
    hits: 0,
    close: async () => {},
  };
  const server = createServer((req, res) => {
    redirector.hits += 1;
    req.resume();
    res.writeHead(status, { location: `${target}${req.url ?? '/'}` });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  redirector.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  redirector.close = () => new Promise((resolve) => server.close(() => resolve()));
  return redirector;
}
