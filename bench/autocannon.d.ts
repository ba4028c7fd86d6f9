// autocannon ships no types; only what bench/serve.ts uses.
declare module 'autocannon' {
  interface Options {
    url: string;
    amount: number;
    connections: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeout?: number;
  }
  interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    latency: { p50: number; p99: number };
    requests: { total: number };
  }
  export default function autocannon(options: Options): Promise<Result>;
}
