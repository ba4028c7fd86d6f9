/**
 * Whether Redis keeps what serve answered 200 for. BullMQ needs `maxmemory-policy noeviction`
 * (any other policy evicts job keys under memory pressure: jobs vanish or turn into dead letters
 * without data), and only the append-only file survives a crash or restart of Redis (RDB
 * snapshots lose everything since the last one). serve and worker read both at start and refuse
 * to start without them, unless --accept-job-loss. CONFIG may be disabled (managed Redis): then
 * INFO persistence and INFO memory, which every Redis answers.
 */
import type { Redis } from 'ioredis';
import { ConfigError } from '../errors.ts';

export interface RedisDurability {
  appendonly: boolean;
  maxmemoryPolicy: string;
  /** `always`, `everysec` or `no`; unknown when CONFIG is disabled. */
  appendfsync: string | undefined;
  source: 'CONFIG' | 'INFO';
}

const infoField = (info: string, field: string) => new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim();

async function readDurability(client: Redis): Promise<RedisDurability> {
  try {
    const [appendonly, policy, fsync] = await Promise.all(
      ['appendonly', 'maxmemory-policy', 'appendfsync'].map((name) => client.config('GET', name) as Promise<string[]>)
    );
    if (appendonly?.[1] === undefined || policy?.[1] === undefined) throw new Error('CONFIG GET answered nothing');
    return { appendonly: appendonly[1] === 'yes', maxmemoryPolicy: policy[1], appendfsync: fsync?.[1], source: 'CONFIG' };
  } catch (error) {
    // A disabled or renamed CONFIG answers "unknown command"; anything else from Redis likewise means: ask INFO.
    if ((error as { name?: string }).name !== 'ReplyError' && !/answered nothing/.test(String(error))) throw error;
  }
  const [persistence, memory] = await Promise.all([client.info('persistence'), client.info('memory')]);
  return {
    appendonly: infoField(persistence, 'aof_enabled') === '1',
    maxmemoryPolicy: infoField(memory, 'maxmemory_policy') ?? 'unknown',
    appendfsync: undefined,
    source: 'INFO',
  };
}

/** What is wrong with the settings, each naming the setting and the fix; empty when durable. */
function durabilityProblems(settings: RedisDurability): string[] {
  const problems: string[] = [];
  if (!settings.appendonly) {
    problems.push(
      'appendonly is no: a restart or crash of Redis loses every job not yet delivered. Set appendonly yes (redis.conf, or CONFIG SET appendonly yes and CONFIG REWRITE; on managed Redis, turn on AOF persistence).'
    );
  }
  if (settings.maxmemoryPolicy !== 'noeviction') {
    problems.push(
      `maxmemory-policy is ${settings.maxmemoryPolicy}: Redis evicts job keys when memory runs short, and BullMQ requires noeviction. Set maxmemory-policy noeviction.`
    );
  }
  return problems;
}

/** Refuses (exit 2) unless Redis is durable or the risk is accepted; returns warnings to log otherwise. */
export async function checkDurability(client: Redis, acceptJobLoss: boolean): Promise<string[]> {
  const settings = await readDurability(client);
  const problems = durabilityProblems(settings);
  if (problems.length && !acceptJobLoss) {
    throw new ConfigError(
      `Redis would lose jobs answered 200 (read with ${settings.source}):\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nOr pass --accept-job-loss to start anyway (docs/serve.md#redis-settings).`
    );
  }
  const warnings = problems.map((problem) => `--accept-job-loss: ${problem.split(':')[0]}`);
  if (settings.appendonly && settings.appendfsync && settings.appendfsync !== 'always') {
    warnings.push(
      `appendfsync is ${settings.appendfsync}: a crash of Redis itself (not a restart) can lose the last second of jobs answered 200; appendfsync always loses none`
    );
  }
  return warnings;
}
