// A path for authmail's Vite plugin, which serves the project's MfaVerification stories in its place (see ../stories.ts).
export default { title: 'authmail/MfaVerification', tags: ['!dev', '!test'] };
