/**
 * `@logto/connector-logto-email` (Logto Cloud's email service): no templates, only branding.
 * Checked with the service's own guard so a brand it would reject fails the build, not the save.
 */
import { emailServiceBrandingGuard } from '../logto/guards.ts';
import type { Target } from './types.ts';

/** Which brand field each branding field comes from, for error messages. */
const sources = { senderName: 'brand.senderName', companyInformation: 'brand.companyInformation', appLogo: 'brand.logoUrl' } as const;

export const target: Target = {
  name: 'logto-email',
  compile: (_emails, { brand }) => {
    const branding = {
      senderName: brand.senderName.trim(),
      // The service shows one footer line; the brand keeps one entry per line.
      companyInformation: brand.companyInformation.map((line) => line.trim()).join(', '),
      appLogo: brand.logoUrl,
    };
    const result = emailServiceBrandingGuard.safeParse(branding);
    if (!result.success) {
      const problems = result.error.issues.map((issue) => {
        const field = String(issue.path[0]) as keyof typeof sources;
        return `${sources[field] ?? field} ("${branding[field] ?? ''}"): ${issue.message}`;
      });
      throw new Error(
        `the Logto email service rejects this brand: ${problems.join('; ')}. It allows no URL or domain name in the sender name or company information, and the logo must be a URL.`
      );
    }
    return { 'connectors/logto-email.json': branding };
  },
};
