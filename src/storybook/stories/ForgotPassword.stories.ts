// A path for authmail's Vite plugin, which serves the project's ForgotPassword stories in its place (see ../stories.ts).
export default { title: 'authmail/ForgotPassword', tags: ['!dev', '!test'] };
