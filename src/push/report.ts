/**
 * What a push reports through: lines of output and a progress line. The command behind it scrubs
 * every line of the secrets it knows, so a push hands over each credential it learns (a token).
 */
export interface PushReport {
  say(line: string): void;
  progress(line: string): void;
  /** From now on, `value` is masked in everything shown, error messages included. */
  secret(value: string): void;
}
