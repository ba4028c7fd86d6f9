/**
 * An in-process SMTP server on 127.0.0.1 that parses what it receives (mailparser). It can be
 * stopped and started again on the same port (SMTP down / back), and told to refuse messages.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
}

export interface SmtpSink {
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedMail[];
  /** Answer DATA with 554 while true. */
  refuse: boolean;
  /** Delay before accepting DATA (to hold a send in flight). */
  acceptDelayMs: number;
  /** Until the returned function is called, DATA is received but not answered. */
  hold(): () => void;
  /** Messages whose DATA arrived, accepted yet or not. */
  arrived: number;
  /** SMTP connections opened so far. */
  connections: number;
  /** AUTH attempts so far (only with `auth`), and the user of each accepted one. */
  logins: { attempts: number; accepted: string[] };
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface SmtpSinkOptions {
  parse?: boolean;
  /** Offer AUTH (over plain text: the sink is on loopback) and accept only these credentials. */
  auth?: { user: string; pass: string };
}

export async function startSmtpSink({ parse = true, auth }: SmtpSinkOptions = {}): Promise<SmtpSink> {
  let server: SMTPServer | undefined;
  let port = 0;
  let held: Promise<void> | undefined;
  const sink: SmtpSink = {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    received: [],
    refuse: false,
    acceptDelayMs: 0,
    hold() {
      let release!: () => void;
      held = new Promise((resolve) => (release = resolve));
      return () => {
        held = undefined;
        release();
      };
    },
    arrived: 0,
    connections: 0,
    logins: { attempts: 0, accepted: [] },
    async start() {
      server = new SMTPServer({
        disabledCommands: auth ? ['STARTTLS'] : ['AUTH', 'STARTTLS'],
        ...(auth && { authOptional: false, allowInsecureAuth: true, authMethods: ['PLAIN', 'LOGIN'] }),
        logger: false,
        onConnect(_session, callback) {
          sink.connections += 1;
          callback();
        },
        onAuth(credentials, _session, callback) {
          sink.logins.attempts += 1;
          if (!auth || credentials.username !== auth.user || credentials.password !== auth.pass) return callback(new Error('535 Authentication failed'));
          sink.logins.accepted.push(credentials.username);
          callback(null, { user: credentials.username });
        },
        // Stopping drops open (pooled) connections at once, like a crashed server.
        closeTimeout: 50,
        size: 10 * 1024 * 1024,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', async () => {
            sink.arrived += 1;
            if (sink.refuse) return callback(Object.assign(new Error('554 refused by test sink'), { responseCode: 554 }));
            const raw = Buffer.concat(chunks).toString('utf8');
            try {
              const parsed = parse ? await simpleParser(raw) : ({} as ParsedMail);
              if (sink.acceptDelayMs) await new Promise((resolve) => setTimeout(resolve, sink.acceptDelayMs));
              await held;
              sink.received.push({ raw, parsed, envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
              callback();
            } catch (error) {
              callback(error as Error);
            }
          });
        },
      });
      const current = server;
      await new Promise<void>((resolve, reject) => {
        current.once('error', reject);
        current.listen(port, '127.0.0.1', () => resolve());
      });
      port = (current.server.address() as AddressInfo).port;
      // After listening, the errors smtp-server emits are its clients' (a SIGKILLed worker resets
      // its connections): what a real server logs, not a failure of the sink.
      current.on('error', () => {});
    },
    async stop() {
      const current = server;
      server = undefined;
      if (!current) return;
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
  await sink.start();
  return sink;
}
