// A path for authmail's Vite plugin, which serves the project's BindMfa stories in its place (see ../stories.ts).
export default { title: 'authmail/BindMfa', tags: ['!dev', '!test'] };
