/**
 * The @logto/connector-kit 5.1.1 guards authmail checks its output with, as zod 4 schemas: the kit
 * declares Node ^22.14 and brings its own zod 3, so it is a dev dependency only, and
 * test/conformance/logto-kit.test.ts proves these accept and reject what the kit's own do.
 */
import { z } from 'zod';
import { usageTypeNames, type UsageType } from '../schema/usage-types.ts';

/** Logto's `TemplateType`: the usage types. */
export type TemplateType = UsageType;

export const templateTypeGuard = z.enum(usageTypeNames);

/** One template's `details` in `PUT /api/email-templates`. */
export const emailTemplateDetailsGuard = z.object({
  subject: z.string(),
  content: z.string(),
  contentType: z.enum(['text/html', 'text/plain']).optional(),
  replyTo: z.string().optional(),
  sendFrom: z.string().optional(),
});

export type EmailTemplateDetails = z.infer<typeof emailTemplateDetailsGuard>;

/**
 * What Logto's email service takes for a URL (the kit's `urlRegEx`): a domain-like word, so
 * `acme.io` counts, while dotted abbreviations such as `S.A.` or `p.s.a.` do not.
 */
export const urlRegEx =
  /(?:^|[^\w.])(?![A-Za-z]\.[A-Za-z]\.(?=$|[^\w#%&()+./:=?@~-]))(?![A-Za-z](?:\.[A-Za-z]){2,}\.?(?=$|[^\w#%&()+./:=?@~-]))(https?:\/\/)?(?:www\.)?[\w#%+.:=@~-]{1,256}\.[\d()A-Za-z]{1,6}\b[\w#%&()+./:=?@~-]*/;

/** Branding for Logto's email service; zod 3's `url()` is exactly "the URL constructor accepts it". */
export const emailServiceBrandingGuard = z
  .object({
    senderName: z.string().refine((value) => !urlRegEx.test(value), 'URL is not allowed in sender name.'),
    companyInformation: z.string().refine((value) => !urlRegEx.test(value), 'URL is not allowed in company information.'),
    appLogo: z.string().refine((value) => URL.canParse(value), 'Invalid url'),
  })
  .partial();
