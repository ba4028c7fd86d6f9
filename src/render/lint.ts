/**
 * Step 7 — lint. Pure checks on a rendered email; errors fail a build, warnings are reported.
 * The auth-email content rules (`contentRules`) are also levelled by `authmail check` from its
 * config file; their messages say why each matters.
 */
import { findBrokenPlaceholders, listPlaceholders } from './placeholders.ts';
import type { Direction } from '../languages.ts';
import { sizeIssue } from './size.ts';
import type { LintIssue } from './types.ts';

export interface LintInput {
  subject: string;
  html: string;
  text: string;
  lang: string;
  dir: Direction;
  /** Roots a placeholder may use; omit to skip the check. */
  allowedRoots?: readonly string[];
  /** A usage type that carries a code: what the code-email rules hold it to. Omit for other types. */
  codeEmail?: CodeEmailFacts;
}

/**
 * What a code email must say, as this render's catalog words it in its locale: the rules look for
 * these translated sentences in the email's text, so they hold in every language and for a
 * project's own wording of the shipped keys, without matching English.
 */
export interface CodeEmailFacts {
  /** `common.expiry` as translated for this locale and code lifetime. */
  expiry: string;
  /** `common.neverShare` as translated for this locale. */
  neverShare: string;
  /** Hosts of the brand's own URLs (logo, support): where a code email's links may go. */
  brandHosts: readonly string[];
}

/**
 * The auth-email content rules, by id, with their level in the pipeline and why each matters.
 * `authmail check` applies the level its config file gives each (`rules`), default `error`.
 */
export const contentRules = {
  'insecure-link': {
    level: 'error',
    why: 'anyone on the network path can read or rewrite an http: link, and the page it opens',
  },
  'insecure-image': {
    level: 'error',
    why: 'an http: image can be swapped on the network path (a fake logo, a phishing prompt) and clients block or flag it',
  },
  'code-expiry': {
    level: 'warning',
    why: 'the reader must know the code is short-lived and single-use, so an old email is not trusted later',
  },
  'code-never-share': {
    level: 'warning',
    why: 'asking the user to read the code out (phone, chat, email) is the usual account-takeover trick; this sentence is the defence',
  },
  'code-missing': {
    level: 'warning',
    why: 'the code is what the email is for: without it in the subject or the body the recipient cannot finish signing in',
  },
  'foreign-link': {
    level: 'warning',
    why: "a code email should lead only to the brand's own sites: a link elsewhere reads as phishing to recipients and filters",
  },
} as const satisfies Record<string, { level: LintIssue['level']; why: string }>;

export type ContentRule = keyof typeof contentRules;
export const contentRuleIds = Object.keys(contentRules) as ContentRule[];

/** Runs of white space as one space: a sentence split over lines in the text part still matches. */
const collapsed = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The host of an absolute http(s) URL, lower-cased; undefined for mailto:, a placeholder, a fragment. */
function hostOf(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** A host of the brand's (or of a list a config allows), or a subdomain of one (`help.acme.com` for `acme.com`). */
export const isBrandHost = (host: string, brandHosts: readonly string[]) => brandHosts.some((own) => host === own || host.endsWith(`.${own}`));

function attributeOf(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1];
}

export function lintEmail(input: LintInput): LintIssue[] {
  const issues: LintIssue[] = [];
  const error = (rule: string, message: string) => issues.push({ level: 'error', rule, message });
  const warn = (rule: string, message: string) => issues.push({ level: 'warning', rule, message });
  const content = (rule: ContentRule, message: string, host?: string) =>
    issues.push({ level: contentRules[rule].level, rule, message: `${message}: ${contentRules[rule].why}`, ...(host && { host }) });

  for (const [part, text] of [
    ['subject', input.subject],
    ['html', input.html],
    ['text', input.text],
  ] as const) {
    for (const broken of findBrokenPlaceholders(text)) error('placeholder-broken', `${part}: "${broken}" is not a placeholder Logto can substitute`);
  }
  if (input.allowedRoots) {
    for (const path of listPlaceholders(input.subject, input.html, input.text)) {
      const root = path.split('.')[0]!;
      if (!input.allowedRoots.includes(root)) {
        error('placeholder-root', `{{${path}}}: Logto may omit "${root}" for this type, and would leave it literal`);
      }
    }
  }

  for (const element of ['html', 'body']) {
    const tag = new RegExp(`<${element}\\b[^>]*>`, 'i').exec(input.html)?.[0];
    if (!tag) {
      error('structure', `no <${element}> element`);
      continue;
    }
    if (attributeOf(tag, 'lang') !== input.lang) error('lang', `<${element}> must have lang="${input.lang}"`);
    if (attributeOf(tag, 'dir') !== input.dir) error('dir', `<${element}> must have dir="${input.dir}"`);
  }
  const title = /<title>([\s\S]*?)<\/title>/i.exec(input.html)?.[1]?.trim();
  if (!title) error('title', 'missing or empty <title>');
  if (!/name="color-scheme"/i.test(input.html)) warn('color-scheme', 'no color-scheme meta');

  for (const img of input.html.match(/<img\b[^>]*>/gi) ?? []) {
    if (attributeOf(img, 'alt') === undefined) error('img-alt', `image without alt text: ${img.slice(0, 120)}`);
  }
  for (const table of input.html.match(/<table\b[^>]*>/gi) ?? []) {
    if (!attributeOf(table, 'role')) warn('table-role', 'layout table without role="presentation"');
  }
  const links = [...input.html.matchAll(/\shref="([^"]*)"/gi)].map((match) => match[1]!);
  for (const href of links) if (/^http:/i.test(href)) content('insecure-link', `non-https link: ${href}`);
  // Images: <img src/srcset>, the background attribute, and CSS url() (a background image).
  const images = [
    ...[...input.html.matchAll(/\s(?:src|background)="([^"]*)"/gi)].map((match) => match[1]!),
    ...[...input.html.matchAll(/\ssrcset="([^"]*)"/gi)].flatMap((match) => match[1]!.split(',').map((entry) => entry.trim().split(/\s+/)[0]!)),
    ...[...input.html.matchAll(/url\(\s*(?:&quot;|&#x27;|['"])?([^)'"&\s]*)/gi)].map((match) => match[1]!),
  ];
  for (const src of new Set(images)) if (/^http:/i.test(src)) content('insecure-image', `non-https image: ${src}`);
  if (input.codeEmail) codeEmailIssues(input, input.codeEmail, links, content);

  const size = sizeIssue(input.html);
  if (size) issues.push(size);
  return issues;
}

/** The rules only a code email answers to (a usage type that carries a code). */
function codeEmailIssues(
  input: LintInput,
  facts: CodeEmailFacts,
  links: readonly string[],
  content: (rule: ContentRule, message: string, host?: string) => void
): void {
  const text = collapsed(input.text);
  if (!text.includes(collapsed(facts.expiry))) content('code-expiry', `no expiry sentence (common.expiry, here "${facts.expiry}")`);
  if (!text.includes(collapsed(facts.neverShare))) content('code-never-share', `no never-share warning (common.neverShare, here "${facts.neverShare}")`);
  // The code is the `{{code}}` placeholder in both render modes (value mode fills it after lint).
  const hasCode = (part: string) => listPlaceholders(part).includes('code');
  if (!hasCode(input.subject) && !hasCode(input.html) && !hasCode(input.text))
    content('code-missing', 'the code ({{code}}) is in neither the subject nor the body');
  for (const host of new Set(links.map(hostOf))) {
    if (host && !isBrandHost(host, facts.brandHosts))
      content('foreign-link', `link to ${host}, not a host of the brand's URLs (${facts.brandHosts.join(', ') || 'none configured'})`, host);
  }
}
