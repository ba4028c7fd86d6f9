/**
 * A raw TCP client for what fetch cannot do: send headers without their body, trickle bytes,
 * hold a connection idle. `closed` resolves with everything received once the server closes.
 */
import { connect, type Socket } from 'node:net';

export interface RawClient {
  socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves (never rejects) once the connection is closed, with all that was received. */
  closed: Promise<string>;
  /** Resolves once the received text contains `text`. */
  receivedText(text: string): Promise<string>;
}

export async function rawClient(baseUrl: string): Promise<RawClient> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let data = '';
  const waiters: { text: string; resolve: (value: string) => void }[] = [];
  socket.on('data', (chunk) => {
    data += chunk.toString('latin1');
    for (const waiter of waiters.filter((w) => data.includes(w.text))) waiter.resolve(data);
  });
  socket.on('error', () => {}); // a reset after the server's answer is expected in some tests
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(data)));
  return {
    socket,
    received: () => data,
    closed,
    receivedText: (text) => (data.includes(text) ? Promise.resolve(data) : new Promise((resolve) => waiters.push({ text, resolve }))),
  };
}

/** The head of a POST /send request (no body) with the given extra header lines. */
export const sendHead = (host: string, lines: string[]) =>
  ['POST /send HTTP/1.1', `Host: ${host}`, 'Content-Type: application/json', ...lines, '', ''].join('\r\n');
