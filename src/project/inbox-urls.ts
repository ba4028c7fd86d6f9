/** Where a local Mailpit listens (`authmail mailpit` starts one there). Apart from inbox/inbox.ts, and in project/, so project and CLI option defaults load nothing heavy and project/ imports nothing from inbox/. */
export const defaultSmtpUrl = 'smtp://127.0.0.1:1025';
export const defaultApiUrl = 'http://127.0.0.1:8025';
/** Where a system spamd listens (SpamAssassin's standard port); config `mailpit.spamd` names another. */
export const defaultSpamdAddress = '127.0.0.1:783';
