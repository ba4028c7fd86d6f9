/** Brand configuration, validated like MJML validates component attributes. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InvalidInputError } from '../errors.ts';
import { parseJsonText } from '../json-text.ts';

/** The sample brand shipped in brands/, used when no --brand is given. */
export const defaultBrandFile = resolve(dirname(fileURLToPath(import.meta.url)), '../../brands/sample.json');

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a 6-digit hex color like #1a2b3c');
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });

export const brandSchema = z.strictObject({
  name: z.string().min(1),
  /** Display name used in `From:` headers and as the Logto email service sender name. */
  senderName: z.string().min(1),
  logoUrl: httpsUrl,
  darkLogoUrl: httpsUrl.optional(),
  /**
   * Previews only (Storybook, `authmail preview`): local image files, relative to the brand file,
   * shown in place of logoUrl / darkLogoUrl, which built emails keep (a recipient needs https).
   */
  logoFile: z.string().min(1).optional(),
  darkLogoFile: z.string().min(1).optional(),
  logoWidth: z.number().int().positive().max(600).default(120),
  colors: z
    .strictObject({
      primary: hexColor,
      primaryText: hexColor,
      background: hexColor,
      surface: hexColor,
      text: hexColor,
      muted: hexColor,
      border: hexColor,
      darkBackground: hexColor,
      darkSurface: hexColor,
      darkText: hexColor,
      darkMuted: hexColor,
    })
    .partial()
    .default({}),
  /** Company information shown in the footer (one line per entry: legal name, address…). */
  companyInformation: z.array(z.string().min(1)).min(1),
  supportUrl: httpsUrl.optional(),
  supportEmail: z.email().optional(),
  /** Optional mailboxes for the Management API templates (`details.sendFrom` / `replyTo`). */
  sendFrom: z.string().min(1).optional(),
  replyTo: z.string().min(1).optional(),
});

export const defaultColors = {
  primary: '#5d34f2',
  primaryText: '#ffffff',
  background: '#f4f4f7',
  surface: '#ffffff',
  text: '#191c1d',
  muted: '#5f6368',
  border: '#e1e3e8',
  darkBackground: '#111214',
  darkSurface: '#1d1e21',
  darkText: '#f1f1f3',
  darkMuted: '#a9abb2',
};

export type BrandInput = z.input<typeof brandSchema>;
export type Brand = z.output<typeof brandSchema> & { colors: typeof defaultColors };

const logoFileKeys = ['logoFile', 'darkLogoFile'] as const;

/** `baseDir`: what logoFile and darkLogoFile are relative to (the brand file's folder); they come out absolute. */
export function parseBrand(input: unknown, source = 'brand config', baseDir = process.cwd()): Brand {
  const result = brandSchema.safeParse(input);
  if (!result.success) throw new InvalidInputError(source, result.error);
  const brand: Brand = { ...result.data, colors: { ...defaultColors, ...result.data.colors } };
  for (const key of logoFileKeys) if (brand[key] !== undefined) brand[key] = resolve(baseDir, brand[key]);
  return brand;
}

/** Reads and validates a brand JSON file; errors name the file. */
export async function loadBrand(path: string): Promise<Brand> {
  return loadBrandSync(path);
}

/** `loadBrand` for a caller that cannot wait (createRenderer is synchronous): a brand file is small. */
export function loadBrandSync(path: string): Brand {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read brand config ${path}: ${(error as Error).message}`);
  }
  const brand = parseBrand(parseJsonText(raw, `Brand config ${path}`), path, dirname(path));
  for (const key of logoFileKeys) {
    if (brand[key] !== undefined && !existsSync(brand[key])) throw new Error(`Brand config ${path}: ${key}: file not found: ${brand[key]}`);
  }
  return brand;
}
