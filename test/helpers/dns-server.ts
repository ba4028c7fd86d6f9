/**
 * A DNS server on 127.0.0.1 that answers TXT queries from a fixed zone, so doctor's lookups go
 * through node's real resolver (c-ares, real packets) and stay offline. A name maps to its TXT
 * records (each a list of character-strings), or to a response code: NXDOMAIN, SERVFAIL,
 * REFUSED, or `drop` (no answer: the client times out). Names not in the zone are NXDOMAIN;
 * a name whose records are [] exists with no TXT data (NOERROR, no answers).
 */
import { createSocket } from 'node:dgram';

export type ZoneEntry = string[][] | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'drop';
export type Zone = Record<string, ZoneEntry>;

export interface DnsServer {
  /** host:port, for Resolver#setServers. */
  address: string;
  /** Names asked, in order (lower case). */
  queries: string[];
  close(): Promise<void>;
}

const rcodes = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
const TXT = 16;

function readName(packet: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  while (packet[at]! > 0) {
    labels.push(packet.subarray(at + 1, at + 1 + packet[at]!).toString('latin1'));
    at += packet[at]! + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: at + 1 };
}

function txtData(strings: readonly string[]): Buffer {
  return Buffer.concat(
    strings.map((text) => {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length > 255) throw new Error(`TXT character-string over 255 bytes: split it (${text.slice(0, 20)}…)`);
      return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    })
  );
}

function answer(query: Buffer, zone: Zone): Buffer | undefined {
  const { name, end } = readName(query, 12);
  const qtype = query.readUInt16BE(end);
  const question = query.subarray(12, end + 4);
  const entry = Object.hasOwn(zone, name) ? zone[name]! : 'NXDOMAIN';
  if (entry === 'drop') return undefined;
  const records = typeof entry === 'string' || qtype !== TXT ? [] : entry;
  const rcode = typeof entry === 'string' ? rcodes[entry] : rcodes.NOERROR;

  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // ID
  header.writeUInt16BE(0x8000 | 0x0400 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | rcode, 2); // QR, AA, RD copied, RA
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const answers = records.map((strings) => {
    const data = txtData(strings);
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    rr.writeUInt16BE(TXT, 2);
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(60, 6);
    rr.writeUInt16BE(data.length, 10);
    return Buffer.concat([rr, data]);
  });
  return Buffer.concat([header, question, ...answers]);
}

export async function startDnsServer(zone: Zone): Promise<DnsServer> {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (query, peer) => {
    queries.push(readName(query, 12).name);
    const response = answer(query, zone);
    if (response) socket.send(response, peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
